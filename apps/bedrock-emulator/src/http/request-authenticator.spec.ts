import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 as Sha256 } from './node-sha256';
import { authenticate, type SignedRequest } from './request-authenticator';

const settings = { region: 'us-east-1', credentials: { AKIDTEST: 'secret-test' }, bearerTokens: ['token-1'] };
const path = `/model/${encodeURIComponent('arn:aws:bedrock:us-east-1:1:inference-profile/us.x:0')}/invoke`;
const body = Buffer.from('{"a":1}');

async function signedRequest(
  signedHost: string,
  wireHost: string,
  extraHeaders: Record<string, string> = {},
): Promise<SignedRequest> {
  const signer = new SignatureV4({
    service: 'bedrock',
    region: 'us-east-1',
    sha256: Sha256,
    credentials: {
      accessKeyId: 'AKIDTEST',
      secretAccessKey: 'secret-test',
      sessionToken: extraHeaders['x-amz-security-token'],
    },
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    path,
    headers: { host: signedHost, 'content-type': 'application/json' },
    body,
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = String(value);
  headers.host = wireHost;
  return { method: 'POST', rawPath: path, query: new URLSearchParams(), headers, body };
}

describe('authenticate', () => {
  it('accepts a request signed for the host without its port (and with it)', async () => {
    await expect(
      authenticate(await signedRequest('127.0.0.1', '127.0.0.1:4010'), settings),
    ).resolves.toBeUndefined();
    await expect(
      authenticate(await signedRequest('127.0.0.1:4010', '127.0.0.1:4010'), settings),
    ).resolves.toBeUndefined();
  });

  it('accepts HTTP/2 requests, whose signed host header is :authority', async () => {
    const signer = new SignatureV4({
      service: 'bedrock',
      region: 'us-east-1',
      sha256: Sha256,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret-test' },
    });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: 'x',
      path,
      headers: { ':authority': '127.0.0.1:4010' },
      body,
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = String(value);
    expect(headers.authorization).toContain('SignedHeaders=:authority;');
    await expect(
      authenticate({ method: 'POST', rawPath: path, query: new URLSearchParams(), headers, body }, settings),
    ).resolves.toBeUndefined();
  });

  it('signs in the session token when one is sent', async () => {
    await expect(
      authenticate(await signedRequest('h', 'h', { 'x-amz-security-token': 'session' }), settings),
    ).resolves.toBeUndefined();
  });

  it('refuses a changed path, a changed body and a skewed clock', async () => {
    const request = await signedRequest('h', 'h');
    await expect(
      authenticate({ ...request, rawPath: '/model/other/invoke' }, settings),
    ).rejects.toMatchObject({ errorType: 'InvalidSignatureException', status: 403 });
    await expect(authenticate({ ...request, body: Buffer.from('{"a":2}') }, settings)).rejects.toMatchObject({
      errorType: 'InvalidSignatureException',
    });
    await expect(authenticate(request, settings, new Date(Date.now() + 6 * 60 * 1000))).rejects.toMatchObject(
      { message: expect.stringContaining('Signature expired') },
    );
  });

  it('tells missing, malformed and bearer credentials apart', async () => {
    const bare = { method: 'POST', rawPath: '/', query: new URLSearchParams(), body: Buffer.alloc(0) };
    await expect(authenticate({ ...bare, headers: {} }, settings)).rejects.toMatchObject({
      errorType: 'MissingAuthenticationTokenException',
    });
    await expect(
      authenticate({ ...bare, headers: { authorization: 'AWS4-HMAC-SHA256 nonsense' } }, settings),
    ).rejects.toMatchObject({ errorType: 'IncompleteSignatureException' });
    await expect(
      authenticate({ ...bare, headers: { authorization: 'Bearer token-1' } }, settings),
    ).resolves.toBeUndefined();
    await expect(
      authenticate({ ...bare, headers: { authorization: 'Bearer token-2' } }, settings),
    ).rejects.toMatchObject({ errorType: 'UnrecognizedClientException' });
  });

  /** A GET with a query string, signed as the SDK signs (x-amz-date, content hash, signed headers). */
  async function signedQuery(scope: { region?: string; service?: string } = {}): Promise<SignedRequest> {
    const signer = new SignatureV4({
      service: scope.service ?? 'bedrock',
      region: scope.region ?? 'us-east-1',
      sha256: Sha256,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret-test' },
    });
    const signed = await signer.sign({
      method: 'GET',
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: '/foundation-models',
      query: { byProvider: 'anthropic', byOutputModality: 'TEXT' },
      headers: { host: '127.0.0.1:4010', 'x-amzn-bedrock-trace': 'ENABLED' },
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = String(value);
    return {
      method: 'GET',
      rawPath: '/foundation-models',
      query: new URLSearchParams({ byProvider: 'anthropic', byOutputModality: 'TEXT' }),
      headers,
      body: Buffer.alloc(0),
    };
  }

  it('accepts a signed query string, and refuses it with a parameter changed, added or dropped', async () => {
    const request = await signedQuery();
    await expect(authenticate(request, settings)).resolves.toBeUndefined();
    for (const query of [
      'byProvider=meta&byOutputModality=TEXT',
      'byProvider=anthropic&byOutputModality=TEXT&byInferenceType=ON_DEMAND',
      'byProvider=anthropic',
    ]) {
      await expect(
        authenticate({ ...request, query: new URLSearchParams(query) }, settings),
      ).rejects.toMatchObject({ status: 403, errorType: 'InvalidSignatureException' });
    }
  });

  it('refuses a signed header changed after signing, and ignores unsigned ones', async () => {
    const request = await signedQuery();
    expect(request.headers.authorization).toContain('x-amzn-bedrock-trace');
    await expect(
      authenticate(
        { ...request, headers: { ...request.headers, 'x-amzn-bedrock-trace': 'DISABLED' } },
        settings,
      ),
    ).rejects.toMatchObject({ status: 403, errorType: 'InvalidSignatureException' });
    await expect(
      authenticate({ ...request, headers: { ...request.headers, 'user-agent': 'changed' } }, settings),
    ).resolves.toBeUndefined();
  });

  it('refuses a credential scope for another region or another service, however well signed', async () => {
    await expect(authenticate(await signedQuery({ region: 'eu-west-1' }), settings)).rejects.toMatchObject({
      status: 403,
      errorType: 'InvalidSignatureException',
      message: 'Credential should be scoped to a valid region. ',
    });
    await expect(authenticate(await signedQuery({ service: 's3' }), settings)).rejects.toMatchObject({
      status: 403,
      errorType: 'InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'bedrock'. ",
    });
    // The same request scoped to another emulator's region is that emulator's to accept.
    await expect(
      authenticate(await signedQuery({ region: 'eu-west-1' }), { ...settings, region: 'eu-west-1' }),
    ).resolves.toBeUndefined();
  });

  it('accepts the further regions a multi-region emulator serves, and still no others', async () => {
    const multiRegion = { ...settings, regions: ['us-west-2'] };
    await expect(
      authenticate(await signedQuery({ region: 'us-west-2' }), multiRegion),
    ).resolves.toBeUndefined();
    await expect(authenticate(await signedQuery(), multiRegion)).resolves.toBeUndefined();
    await expect(authenticate(await signedQuery({ region: 'eu-west-1' }), multiRegion)).rejects.toMatchObject(
      {
        errorType: 'InvalidSignatureException',
      },
    );
  });
});
