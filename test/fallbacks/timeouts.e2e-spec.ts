// Timeouts seen from a client: a stream that goes silent longer than stream_timeout ends with an SSE
// error event after its first bytes (or is a plain 408 before them), a unary call past its timeout is a
// 408 with code `timeout`, the request body's `timeout` shortens the deployment's, and each time the
// gateway hangs up on Bedrock (the emulator, seen through a TCP relay) instead of waiting for it.
import OpenAI from 'openai';
import { randomBytes } from 'node:crypto';
import { startEmulator, withFaults, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { SpendWriter } from '../../apps/gateway/src/spend/spend-writer.service';
import { newPrismaClient } from '../support/database';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { waitUntil } from '../support/polling';
import { startTcpRelay, type TcpRelay } from '../support/tcp-relay';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant, type TestTenant } from '../support/tenants';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
// Longer than jest lets any test run: a test that gets past such a pause did not wait for it.
const PAST_ANY_TEST_MS = 120_000;
const nonce = randomBytes(4).toString('hex');

let emulator: RunningEmulator;
let gateway: TestGateway;
let tenant: TestTenant;
let client: OpenAI;
/** One relay per deployment under test: its connections show who hung up. */
const relays: Record<string, TcpRelay> = {};
const prisma = newPrismaClient();

function deployment(name: string, faults: string, extra = ''): string {
  return `
  - model_name: ${name}
    litellm_params:
      model: bedrock/${HAIKU}
      model_id: ${withFaults(HAIKU, `${faults},nonce:${nonce}`)}
      aws_bedrock_runtime_endpoint: ${relays[name].endpoint}
      num_retries: 0${EMULATOR_CREDENTIALS_YAML}${extra}`;
}

const RELAYED = ['silent-stream', 'own-stream-timeout', 'silent-start', 'slow-unary', 'slow-default'];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  for (const name of RELAYED) relays[name] = await startTcpRelay(emulator.endpoint);
  gateway = await startTestGateway({
    configYaml: `model_list:${[
      // Its first output arrives, then Bedrock goes silent: the global stream_timeout ends it.
      deployment('silent-stream', `stall:${PAST_ANY_TEST_MS}`),
      deployment('own-stream-timeout', `stall:${PAST_ANY_TEST_MS}`, '\n      stream_timeout: 0.3'),
      // Silent before its first event.
      deployment('silent-start', `slow:${PAST_ANY_TEST_MS}`),
      deployment('slow-unary', `latency:${PAST_ANY_TEST_MS}`, '\n      timeout: 0.3'),
      deployment('slow-default', `latency:${PAST_ANY_TEST_MS}`),
    ].join('')}
router_settings:
  stream_timeout: 0.5
`,
  });
  tenant = await createTenant(gateway);
  client = new OpenAI({ apiKey: tenant.key, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all(Object.values(relays).map((relay) => relay.close()));
  await emulator?.close();
  await prisma.$disconnect();
});

async function spendRow(requestId: string) {
  await gateway.app.get(SpendWriter).flush();
  return prisma.spendLog.findFirstOrThrow({ where: { requestId } });
}

function errorOf(error: unknown): { status: number; body: any; headers: Headers } {
  if (!(error instanceof OpenAI.APIError)) throw error;
  return { status: error.status!, body: error.error, headers: error.headers as unknown as Headers };
}

/** A streamed completion read as raw SSE events (the openai SDK would throw at the error event). */
async function streamEvents(model: string) {
  const response = await gateway.request('/v1/chat/completions', {
    method: 'POST',
    key: tenant.key,
    json: { model, stream: true, messages: [{ role: 'user', content: 'tell me about the tides' }] },
  });
  const text = await response.text();
  const events = text
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: {'))
    .map((frame) => JSON.parse(frame.slice('data: '.length)));
  return { response, events };
}

const gatewayHungUp = (name: string) =>
  waitUntil(`the gateway to hang up on the emulator for ${name}`, () =>
    relays[name].connections.some((connection) => connection.closedByGateway),
  );

describe('stream_timeout', () => {
  it('ends a stream that goes silent after its first bytes with an SSE timeout error, and books it', async () => {
    const { response, events } = await streamEvents('silent-stream');
    expect(response.status).toBe(200);
    expect(events.some((event) => event.choices?.[0]?.delta?.content)).toBe(true);
    expect(events.at(-1)).toMatchObject({
      error: { type: 'timeout_error', code: 'timeout', message: expect.stringContaining('stream_timeout') },
    });
    await gatewayHungUp('silent-stream');
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'error', httpStatus: 408, errorType: 'timeout' });
  });

  it('takes a deployment’s own stream_timeout over the global one', async () => {
    const { events } = await streamEvents('own-stream-timeout');
    expect(events.at(-1)).toMatchObject({
      error: { code: 'timeout', message: expect.stringContaining('0.3 s') },
    });
  });

  it('answers a stream silent before its first byte with a plain 408', async () => {
    const { response } = await streamEvents('silent-start');
    expect(response.status).toBe(408);
    await gatewayHungUp('silent-start');
  });
});

describe('request timeout', () => {
  it('answers 408 `timeout` at the deployment’s timeout and aborts the call to Bedrock', async () => {
    const failure = await client.chat.completions
      .create({ model: 'slow-unary', messages: [{ role: 'user', content: 'hi' }] })
      .then(() => undefined, errorOf);
    expect(failure!.status).toBe(408);
    expect(failure!.body).toMatchObject({ type: 'timeout_error', code: 'timeout' });
    await gatewayHungUp('slow-unary');
  });

  it('shortens the deployment’s timeout to the body’s `timeout`', async () => {
    const failure = await client.chat.completions
      .create({
        model: 'slow-default',
        messages: [{ role: 'user', content: 'hi' }],
        // @ts-expect-error LiteLLM's per-request timeout (seconds)
        timeout: 0.3,
      })
      .then(() => undefined, errorOf);
    expect(failure!.status).toBe(408);
    expect(failure!.body.message).toContain('0.3 s');
    await gatewayHungUp('slow-default');
  });

  it('refuses a timeout that is not a positive number with a 400 naming it', async () => {
    const failure = await client.chat.completions
      .create({
        model: 'slow-default',
        messages: [{ role: 'user', content: 'hi' }],
        // @ts-expect-error LiteLLM's per-request timeout (seconds)
        timeout: -1,
      })
      .then(() => undefined, errorOf);
    expect(failure!.status).toBe(400);
    expect(failure!.body.param).toBe('timeout');
  });
});
