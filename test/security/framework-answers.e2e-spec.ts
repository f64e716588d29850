// Issue 12 #8: answers Fastify gives on its own (431 for huge headers, 503 while shutting down) come in
// OpenAI's shape {"error": {...}} like every other answer.
import { connect, type Socket } from 'node:net';
import { startEmulator, withFaults, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emulator?.close();
});

/** Writes raw HTTP on one connection and collects everything the server sends until it closes. */
async function exchange(
  gateway: TestGateway,
  raw: string,
  afterWrite?: (socket: Socket) => void,
): Promise<string> {
  const { port } = new URL(gateway.baseUrl);
  const socket: Socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined);
  socket.write(raw);
  afterWrite?.(socket);
  await ended;
  return Buffer.concat(received).toString('utf8');
}

/** The status and JSON body of the response that starts with `statusLine` in a raw exchange. */
function responseOf(text: string, statusLine: string): { head: string; body: any } {
  const start = text.indexOf(statusLine);
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start);
  const headEnd = rest.indexOf('\r\n\r\n');
  const head = rest.slice(0, headEnd);
  const length = Number(/content-length: (\d+)/i.exec(head)?.[1]);
  return { head, body: JSON.parse(rest.slice(headEnd + 4, headEnd + 4 + length)) };
}

it('answers headers too large with a 431 in OpenAI shape', async () => {
  const gateway = await startTestGateway();
  try {
    const huge = 'x'.repeat(64 * 1024);
    const text = await exchange(
      gateway,
      `GET /v1/models HTTP/1.1\r\nHost: localhost\r\nx-padding: ${huge}\r\n\r\n`,
    );
    const { body } = responseOf(text, 'HTTP/1.1 431');
    expect(body).toEqual({
      error: {
        message: expect.any(String),
        type: 'invalid_request_error',
        param: 'headers',
        code: 'headers_too_large',
      },
    });
  } finally {
    await gateway.close();
  }
});

it('answers a malformed request line with a 400 in OpenAI shape', async () => {
  const gateway = await startTestGateway();
  try {
    const text = await exchange(gateway, 'NOT HTTP AT ALL\r\n\r\n');
    expect(responseOf(text, 'HTTP/1.1 400').body.error).toMatchObject({ type: 'invalid_request_error' });
  } finally {
    await gateway.close();
  }
});

it('answers a request that arrives while shutting down with a 503 in OpenAI shape', async () => {
  const gateway = await startTestGateway({
    awsEndpoint: emulator.endpoint,
    configYaml: `model_list:
  - model_name: slow
    litellm_params:
      model: bedrock/${HAIKU}
      model_id: ${withFaults(HAIKU, 'latency:1500')}${EMULATOR_CREDENTIALS_YAML}
`,
  });
  const chat = JSON.stringify({ model: 'slow', messages: [{ role: 'user', content: 'hi' }] });
  const first =
    `POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${gateway.masterKey}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(chat)}\r\n\r\n${chat}`;
  const second =
    `GET /v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${gateway.masterKey}\r\n` +
    `X-Request-Id: refused-while-closing\r\n\r\n`;
  // The first request is in flight when close() starts, so its connection stays open; the second comes
  // on that connection once the server is closing.
  let closing: Promise<void> | undefined;
  const text = await exchange(gateway, first, (socket) => {
    setTimeout(() => {
      closing = gateway.close();
      setTimeout(() => socket.write(second), 200);
    }, 300);
  });
  await closing;
  expect(responseOf(text, 'HTTP/1.1 200').body.choices).toHaveLength(1);
  const { head, body } = responseOf(text, 'HTTP/1.1 503');
  expect(head).toMatch(/retry-after: 1/i);
  // The refused request can still be found in the logs by the id its client gave.
  expect(head).toMatch(/x-request-id: refused-while-closing/i);
  expect(body).toEqual({
    error: { message: expect.any(String), type: 'server_error', param: null, code: 'shutting_down' },
  });
});

it.each([
  ['a path that is not valid percent-encoded UTF-8', '/key/%ED%A0%80/regenerate', 400, 'invalid_url'],
  ['a stray percent sign', '/v1/%', 400, 'invalid_url'],
  [
    'a path parameter longer than the router takes',
    `/key/${'k'.repeat(150)}/regenerate`,
    414,
    'path_too_long',
  ],
])('answers %s (refused by the router itself) in OpenAI shape', async (_case, path, status, code) => {
  const gateway = await startTestGateway();
  try {
    const response = await gateway.request(path, { method: 'POST', json: {} });
    expect(response.status).toBe(status);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const body = (await response.json()) as any;
    expect(body).toEqual({
      error: { message: expect.any(String), type: 'invalid_request_error', param: 'path', code },
    });
    // The path is not echoed back: it may carry a key (POST /key/sk-…/regenerate).
    expect(body.error.message).not.toContain(path);
  } finally {
    await gateway.close();
  }
});
