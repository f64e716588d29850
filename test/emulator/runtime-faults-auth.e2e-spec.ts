// Fault injection (model-id suffix and x-emulator-fault header), SDK retry behaviour against it,
// SigV4 / bearer authentication, and the core's transport-level errors.
import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import {
  EMULATOR_BEARER_TOKEN,
  EMULATOR_CREDENTIALS,
  EMULATOR_REGION,
} from '../support/emulator-credentials';
import { closedAfterEachTest } from '../support/cleanup';
import { HAIKU, modelPath, rawRequest, runtimeClient, TRANSPORTS } from './runtime-clients';

let emulator: RunningEmulator;
let runId = 0;
const closeAfterTest = closedAfterEachTest();

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Buffer {
  if (typeof data === 'string') return data;
  return ArrayBuffer.isView(data)
    ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    : Buffer.from(data);
}

/** SHA-256 / HMAC-SHA-256 in the shape SignatureV4 expects, over node:crypto. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {}
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emulator?.close();
});

const messages: ConverseCommandInput['messages'] = [{ role: 'user', content: [{ text: 'hi' }] }];

/** A model id with the given faults and a nonce, so throttle counters never leak between tests. */
function faulty(faults: string): string {
  return `${HAIKU}~${faults},nonce:${process.pid}-${++runId}`;
}

describe.each(TRANSPORTS)('faults over %s, one attempt', (transport) => {
  let client: BedrockRuntimeClient;

  beforeAll(() => {
    client = runtimeClient(emulator.endpoint, transport, { maxAttempts: 1 });
  });

  afterAll(() => client.destroy());

  it.each([
    ['throttle', 429, 'ThrottlingException'],
    ['error500', 500, 'InternalServerException'],
    ['unavailable', 503, 'ServiceUnavailableException'],
    ['timeout', 408, 'ModelTimeoutException'],
    ['model-error', 424, 'ModelErrorException'],
    ['context-too-long', 400, 'ValidationException'],
    ['content-filtered', 400, 'ValidationException'],
  ])('%s answers %i %s', async (fault, status, name) => {
    await expect(
      client.send(new ConverseCommand({ modelId: faulty(fault), messages })),
    ).rejects.toMatchObject({
      name,
      $metadata: { httpStatusCode: status, attempts: 1, requestId: expect.any(String) },
    });
  });

  it('takes faults from the x-emulator-fault header too', async () => {
    const headerClient = closeAfterTest(
      runtimeClient(emulator.endpoint, transport, { maxAttempts: 1, faultHeader: 'unavailable' }),
    );
    await expect(headerClient.send(new ConverseCommand({ modelId: HAIKU, messages }))).rejects.toMatchObject({
      name: 'ServiceUnavailableException',
    });
  });

  it('adds latency:MS before answering', async () => {
    const startedAt = Date.now();
    const output = await client.send(new ConverseCommand({ modelId: faulty('latency:150'), messages }));
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(145);
    expect(output.metrics!.latencyMs).toBeGreaterThanOrEqual(145);
  });

  it('rejects an unknown fault name, naming it', async () => {
    await expect(
      client.send(new ConverseCommand({ modelId: `${HAIKU}~explode`, messages })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("Unknown emulator fault 'explode'"),
    });
  });
});

describe('retries with the SDK defaults', () => {
  let client: BedrockRuntimeClient;

  beforeAll(() => {
    client = runtimeClient(emulator.endpoint, 'http2');
  });

  afterAll(() => client.destroy());

  it('retries a throttled call three times, then fails', async () => {
    await expect(
      client.send(new ConverseCommand({ modelId: faulty('throttle'), messages })),
    ).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { attempts: 3 },
    });
  });

  it('succeeds on the third attempt when only the first two calls are throttled (throttle:2)', async () => {
    const output = await client.send(new ConverseCommand({ modelId: faulty('throttle:2'), messages }));
    expect(output.$metadata.attempts).toBe(3);
    expect(output.stopReason).toBe('end_turn');
  });

  it('does not retry a model timeout (408)', async () => {
    await expect(
      client.send(new ConverseCommand({ modelId: faulty('timeout'), messages })),
    ).rejects.toMatchObject({
      name: 'ModelTimeoutException',
      $metadata: { attempts: 1 },
    });
  });
});

describe('authentication', () => {
  const converseWith = (client: BedrockRuntimeClient) =>
    client.send(new ConverseCommand({ modelId: HAIKU, messages }));

  it.each(TRANSPORTS)('refuses a wrong secret with InvalidSignatureException over %s', async (transport) => {
    const client = closeAfterTest(
      runtimeClient(emulator.endpoint, transport, {
        maxAttempts: 1,
        credentials: { ...EMULATOR_CREDENTIALS, secretAccessKey: 'wrong-secret' },
      }),
    );
    await expect(converseWith(client)).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('refuses a client signing for another region than the emulator serves', async () => {
    const client = runtimeClient(emulator.endpoint, 'http1', { maxAttempts: 1, region: 'eu-west-1' });
    await expect(converseWith(client)).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      message: 'Credential should be scoped to a valid region. ',
      $metadata: { httpStatusCode: 403 },
    });
    client.destroy();
  });

  it('refuses an unknown access key with UnrecognizedClientException', async () => {
    const client = closeAfterTest(
      runtimeClient(emulator.endpoint, 'http2', {
        maxAttempts: 1,
        credentials: { ...EMULATOR_CREDENTIALS, accessKeyId: 'AKIAUNKNOWN000000000' },
      }),
    );
    await expect(converseWith(client)).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it.each(TRANSPORTS)(
    'accepts a Bedrock API key as a bearer token over %s, and refuses an unknown one',
    async (transport) => {
      const bearer = (token: string) =>
        closeAfterTest(
          new BedrockRuntimeClient({
            region: EMULATOR_REGION,
            endpoint: emulator.endpoint,
            token: { token },
            authSchemePreference: ['httpBearerAuth'],
            maxAttempts: 1,
            ...(transport === 'http1' ? { requestHandler: new NodeHttpHandler() } : {}),
          }),
        );
      const good = bearer(EMULATOR_BEARER_TOKEN);
      expect((await converseWith(good)).stopReason).toBe('end_turn');
      const bad = bearer('not-a-known-token');
      await expect(converseWith(bad)).rejects.toMatchObject({
        name: 'UnrecognizedClientException',
        $metadata: { httpStatusCode: 403 },
      });
    },
  );

  it('refuses a request without credentials with MissingAuthenticationTokenException', async () => {
    const response = await fetch(emulator.endpoint + modelPath(HAIKU, 'converse'), {
      method: 'POST',
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^MissingAuthenticationTokenException/);
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  async function signedFetch(body: string, sentBody: string, signingDate = new Date()): Promise<Response> {
    const url = new URL(emulator.endpoint);
    const signer = new SignatureV4({
      service: 'bedrock',
      region: EMULATOR_REGION,
      sha256: Sha256,
      credentials: EMULATOR_CREDENTIALS,
    });
    const signed = await signer.sign(
      {
        method: 'POST',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: modelPath(HAIKU, 'converse'),
        headers: { host: url.host, 'content-type': 'application/json' },
        body,
      },
      { signingDate },
    );
    return fetch(emulator.endpoint + modelPath(HAIKU, 'converse'), {
      method: 'POST',
      headers: signed.headers,
      body: sentBody,
    });
  }

  it('verifies a hand-signed request, and refuses it when the body was changed after signing', async () => {
    const body = JSON.stringify({ messages });
    expect((await signedFetch(body, body)).status).toBe(200);
    const tampered = body.replace('hi', 'ho');
    const refused = await signedFetch(body, tampered);
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-amzn-errortype')).toMatch(/^InvalidSignatureException/);
  });

  it('refuses a signature more than five minutes old', async () => {
    const body = JSON.stringify({ messages });
    const refused = await signedFetch(body, body, new Date(Date.now() - 10 * 60 * 1000));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toContain('Signature expired');
  });

  it('skips verification entirely when verifySignatures is false', async () => {
    const open = closeAfterTest(
      await startEmulator({ port: 0, verifySignatures: false, s3Endpoint: emulator.s3Endpoint }),
    );
    const response = await fetch(open.endpoint + modelPath(HAIKU, 'converse'), {
      method: 'POST',
      body: JSON.stringify({ messages }),
    });
    expect(response.status).toBe(200);
  });
});

describe('transport-level errors', () => {
  it('answers an unknown path with 404 UnknownOperationException', async () => {
    const response = await rawRequest(emulator.endpoint, '/no/such/operation', '{}');
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^UnknownOperationException/);
  });

  it('answers a body over the size cap with 413 ValidationException', async () => {
    const small = closeAfterTest(
      await startEmulator({ port: 0, maxBodyBytes: 1024, s3Endpoint: emulator.s3Endpoint }),
    );
    const response = await rawRequest(small.endpoint, modelPath(HAIKU, 'converse'), 'x'.repeat(4096));
    expect(response.status).toBe(413);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^ValidationException/);
  });
});
