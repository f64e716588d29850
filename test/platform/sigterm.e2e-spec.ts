// SIGTERM on a real gateway process (the built main.js, as `npm start` runs it): requests and streams in
// flight finish, the listener closes at once (new connections are refused) and a request that still
// reaches the gateway on an open connection is answered 503, the spend of what finished is in the
// database, and the process exits with code 0.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { newPrismaClient, testDatabaseUrl } from '../support/database';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { waitUntil } from '../support/polling';
import {
  buildGateway,
  exitOf,
  startGatewayProcess,
  type GatewayBuild,
  type GatewayProcess,
} from '../support/gateway-process';
import { startTcpRelay, type TcpRelay } from '../support/tcp-relay';

const masterKey = `sk-sigterm-${randomBytes(12).toString('hex')}`;
const nonce = randomBytes(4).toString('hex');
const prisma = newPrismaClient();
let build: GatewayBuild;
let emulator: RunningEmulator;
let relay: TcpRelay;
let gateway: GatewayProcess;
let baseUrl: string;

beforeAll(async () => {
  build = buildGateway();
  // Every call waits 1.5 s before answering and streams 20 tokens a second: slow enough to be in
  // flight when the signal arrives, with nothing but emulator settings.
  emulator = await startEmulator({ port: 0, latencyMs: 1500, tokensPerSecond: 20 });
  relay = await startTcpRelay(emulator.endpoint);
  const configPath = path.join(mkdtempSync(path.join(tmpdir(), 'quarry-sigterm-')), 'config.yaml');
  writeFileSync(
    configPath,
    `model_list:
  - model_name: slow
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
      aws_bedrock_runtime_endpoint: ${relay.endpoint}${EMULATOR_CREDENTIALS_YAML}
`,
  );
  gateway = startGatewayProcess(build.mainPath, {
    DATABASE_URL: testDatabaseUrl(),
    QUARRY_MASTER_KEY: masterKey,
    QUARRY_CONFIG: configPath,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  baseUrl = await gateway.listening();
}, 60_000);

afterAll(async () => {
  gateway?.kill();
  await relay?.close();
  await emulator?.close();
  await prisma.$disconnect();
  build?.remove();
});

const story = 'granite marble slate limestone basalt '.repeat(16);

/**
 * A streamed completion on a raw HTTP/1.1 connection, so that the test can pipeline another request
 * behind it: that request reaches the gateway on a connection still open during the drain.
 */
function openStream(requestId: string) {
  const body = JSON.stringify({
    model: 'slow',
    stream: true,
    // The emulator echoes the prompt: about five seconds of stream at 20 tokens a second.
    messages: [{ role: 'user', content: `tell me a long story about ${story}` }],
  });
  const url = new URL(baseUrl);
  const socket = connect(Number(url.port), url.hostname);
  const received: Array<{ text: string; at: number }> = [];
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => received.push({ text, at: performance.now() }));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(
    `POST /v1/chat/completions HTTP/1.1\r\nhost: ${url.host}\r\nauthorization: Bearer ${masterKey}\r\n` +
      `x-request-id: ${requestId}\r\ncontent-type: application/json\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  return {
    received,
    text: () => received.map((chunk) => chunk.text).join(''),
    pipeline: (request: string) => socket.write(request),
    closed,
    destroy: () => socket.destroy(),
  };
}

it('finishes what is in flight, refuses new connections, answers 503 on open ones, flushes spend and exits 0', async () => {
  const streamId = `sigterm-stream-${nonce}`;
  const unaryId = `sigterm-unary-${nonce}`;
  const stream = openStream(streamId);
  try {
    await waitUntil('model output on the stream', () => stream.text().includes('"content"'));
    const unary = fetch(`${baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${masterKey}`,
        'content-type': 'application/json',
        'x-request-id': unaryId,
      },
      body: JSON.stringify({ model: 'slow', messages: [{ role: 'user', content: 'say hello' }] }),
    });
    // Both Bedrock calls are open (one relayed connection each) before the signal.
    await waitUntil('both Bedrock calls to be open', () => relay.connections.length >= 2);

    const signalledAt = performance.now();
    gateway.child.kill('SIGTERM');

    // The listener closes while the calls are still running: a new connection is refused.
    await waitUntil('the listener to refuse new connections', () =>
      fetch(`${baseUrl}/health/liveliness`).then(
        () => false,
        (error: Error & { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED',
      ),
    );
    // A readiness probe that still reaches the gateway, on the stream's open connection, is told 503.
    stream.pipeline(`GET /health/readiness HTTP/1.1\r\nhost: ${new URL(baseUrl).host}\r\n\r\n`);

    // The non-streamed call in flight gets its answer.
    const answered = await unary;
    expect(answered.status).toBe(200);
    expect(((await answered.json()) as any).choices[0].message.content).toBeTruthy();

    // The stream runs to its end after the signal, content still arriving, then the probe's 503.
    await stream.closed;
    const text = stream.text();
    const [streamed, probe] = text.split(/(?=HTTP\/1\.1 503)/);
    expect(streamed).toMatch(/^HTTP\/1\.1 200/);
    expect(streamed).toContain('data: [DONE]');
    expect(streamed).not.toContain('"error"');
    expect(probe).toMatch(/^HTTP\/1\.1 503/);
    const afterSignal = stream.received.filter(
      (chunk) => chunk.at > signalledAt && chunk.text.includes('"content"'),
    );
    expect(afterSignal.length).toBeGreaterThan(1);
  } finally {
    stream.destroy();
  }

  // Exits as soon as the drain is done: connections whose requests ended do not hold it open.
  expect(await exitOf(gateway, 30_000)).toEqual({ code: 0, signal: null });
  expect(gateway.stdout).not.toContain('grace period over');
  expect(gateway.stderr).toBe('');
  const rows = await prisma.spendLog.findMany({ where: { requestId: { in: [streamId, unaryId] } } });
  expect(rows.map((row) => [row.requestId, row.status, row.httpStatus]).sort()).toEqual([
    [streamId, 'success', 200],
    [unaryId, 'success', 200],
  ]);
}, 60_000);
