import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, SourceData } from '@smithy/types';
import { BedrockSigner } from './bedrock-signer';

const KEYS: AwsCredentialIdentity = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-one' };
const REFRESHED: AwsCredentialIdentity = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'secret-two',
  sessionToken: 'token-two',
};

function converseRequest(body: string): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    protocol: 'https:',
    hostname: 'bedrock-runtime.us-east-1.amazonaws.com',
    path: '/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse',
    headers: { 'content-type': 'application/json', host: 'bedrock-runtime.us-east-1.amazonaws.com' },
    body,
  });
}

/** SHA-256 as the SDK's Node hash provides it: a plain hash, or an HMAC when given a secret. */
class Sha256 {
  private readonly hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }

  update(data: SourceData): void {
    this.hash.update(toBytes(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

function toBytes(data: SourceData): string | Uint8Array {
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  return ArrayBuffer.isView(data)
    ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    : new Uint8Array(data);
}

/** A hash constructor that counts the HMACs keyed with a raw secret (the SDK's per-request cache lookup). */
function countingSha256(secrets: string[]) {
  const counter = { keyedWithSecret: 0 };
  class CountingSha256 extends Sha256 {
    constructor(secret?: SourceData) {
      super(secret);
      if (typeof secret === 'string' && secrets.includes(secret)) counter.keyedWithSecret++;
    }
  }
  return { CountingSha256, counter };
}

function signers(credentials: () => AwsCredentialIdentity, sha256 = Sha256) {
  const settings = {
    credentials: async () => credentials(),
    region: 'us-east-1',
    service: 'bedrock',
    sha256,
    uriEscapePath: true,
  };
  return { stock: new SignatureV4(settings), ours: new BedrockSigner(settings) };
}

describe('BedrockSigner', () => {
  it('signs requests exactly as the SDK does, across seconds, days and a credentials refresh', async () => {
    let credentials = KEYS;
    const { stock, ours } = signers(() => credentials);
    const moments = [
      '2026-12-03T10:00:00.100Z',
      '2026-12-03T10:00:00.900Z', // the same second
      '2026-12-03T10:00:01.000Z',
      '2026-12-04T00:00:00.000Z', // the next day: a new signing key
    ];
    for (const [index, moment] of moments.entries()) {
      if (index === 2) credentials = REFRESHED;
      const signingDate = new Date(moment);
      const expected = await stock.sign(converseRequest(`{"n":${index}}`), { signingDate });
      const actual = await ours.sign(converseRequest(`{"n":${index}}`), { signingDate });
      expect(actual.headers).toEqual(expected.headers);
      expect(actual.headers.authorization).toContain(
        REFRESHED === credentials ? 'ASIAEXAMPLE' : 'AKIDEXAMPLE',
      );
    }
  });

  it('signs strings and event-stream messages as the SDK does, also in another region', async () => {
    const { stock, ours } = signers(() => REFRESHED);
    const signingDate = new Date('2026-12-03T10:00:00Z');
    const options = { signingDate, signingRegion: 'eu-west-1' };
    expect(await ours.sign('string to sign', options)).toBe(await stock.sign('string to sign', options));
    const message = {
      message: {
        headers: { ':event-type': { type: 'string' as const, value: 'chunk' } },
        body: new Uint8Array([1, 2, 3]),
      },
      priorSignature: 'abc123',
    };
    expect(await ours.signMessage(message, options)).toEqual(await stock.signMessage(message, options));
  });

  it('derives the signing key once for the same credentials and day, not once per request', async () => {
    const { CountingSha256, counter } = countingSha256([KEYS.secretAccessKey]);
    const { ours } = signers(() => ({ ...KEYS }), CountingSha256);
    for (let second = 0; second < 5; second++)
      await ours.sign(converseRequest('{}'), { signingDate: new Date(Date.UTC(2026, 11, 3, 10, 0, second)) });
    // The SDK's lookup keys an HMAC with the secret on every request (5 here); this signer, on the first.
    expect(counter.keyedWithSecret).toBe(1);
  });
});
