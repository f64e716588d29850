// Failures, retries, aborted streams, and the spend rows and totals every request leaves behind.
import { createServer } from 'node:net';
import OpenAI from 'openai';
import { requestArrival } from '../support/http-requests';
import { pollUntil, settledWithin, waitUntil } from '../support/polling';
import { startTcpRelay, type TcpRelay } from '../support/tcp-relay';
import { deployment, faultyDeployment, startChatFixture, type ChatFixture } from './chat-fixture';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
let fixture: ChatFixture;
/** Between the gateway and the emulator for slow-haiku: shows which side ends its connection. */
let slowHaikuRelay: TcpRelay;
const nonce = Date.now().toString(36);
// Longer than jest lets any test run: a test that gets an answer from such a model did not wait for it.
const MODEL_LATENCY_PAST_ANY_TEST_MS = 120_000;

/** A local port nothing listens on: connecting is refused at once (a retryable network error). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  slowHaikuRelay = await startTcpRelay(() => fixture.emulator.endpoint);
  const unreachable = `\n      aws_bedrock_runtime_endpoint: http://127.0.0.1:${await closedPort()}`;
  // Fault-injecting deployments: the emulator reads faults from the suffix of the model id it is sent.
  fixture = await startChatFixture(
    [
      deployment('broken-unreachable', `bedrock/${HAIKU}`, unreachable),
      deployment('broken-unreachable-once', `bedrock/${HAIKU}`, `${unreachable}\n      num_retries: 0`),
      faultyDeployment('flaky-haiku', HAIKU, `throttle:2,nonce:${nonce}`),
      faultyDeployment('broken-always-throttled', HAIKU, 'throttle'),
      faultyDeployment('broken-validation', HAIKU, 'midstream'),
      faultyDeployment(
        'slow-haiku',
        HAIKU,
        'tps:40',
        `\n      aws_bedrock_runtime_endpoint: ${slowHaikuRelay.endpoint}`,
      ),
      faultyDeployment('slow-first-byte', HAIKU, 'slow:3000'),
      faultyDeployment(
        'slow-timeout',
        HAIKU,
        `latency:${MODEL_LATENCY_PAST_ANY_TEST_MS}`,
        '\n      timeout: 0.3',
      ),
      faultyDeployment('slow-stream-timeout', HAIKU, 'tps:10', '\n      timeout: 0.4'),
      faultyDeployment(
        'flaky-no-retries',
        HAIKU,
        `throttle:1,nonce:noretry-${nonce}`,
        '\n      num_retries: 0',
      ),
    ].join(''),
  );
});

afterAll(async () => {
  await fixture?.close();
  await slowHaikuRelay?.close();
});

async function spendRow(requestId: string) {
  await fixture.flushSpend();
  return fixture.prisma.spendLog.findFirst({ where: { requestId } });
}

/** The spend row of a request whose end the gateway learns of asynchronously (a client that left). */
async function eventualSpendRow(requestId: string) {
  const rows = await pollUntil(`the spend row of ${requestId}`, () => spendRow(requestId), Boolean, {
    intervalMs: 100,
  });
  return rows.at(-1)!;
}

function errorOf(error: unknown): { status: number; body: any; headers: Headers } {
  if (!(error instanceof OpenAI.APIError)) throw error;
  return { status: error.status!, body: error.error, headers: error.headers as unknown as Headers };
}

describe('chat completion failures', () => {
  it('tells the OpenAI SDK not to retry a failure the gateway already retried', async () => {
    const retried = await fixture.gateway.request('/v1/chat/completions', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'broken-unreachable', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(retried.status).toBe(502);
    expect(retried.headers.get('x-should-retry')).toBe('false');

    const triedOnce = await fixture.gateway.request('/v1/chat/completions', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'broken-unreachable-once', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(triedOnce.status).toBe(502);
    expect(triedOnce.headers.get('x-should-retry')).toBeNull();
  });

  it('retries throttling before the first byte and succeeds', async () => {
    const { data, response } = await fixture.client.chat.completions
      .create({ model: 'flaky-haiku', messages: [{ role: 'user', content: 'hello after throttling' }] })
      .withResponse();
    expect(data.choices[0].message.content).toBeTruthy();
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'success', httpStatus: 200, modelName: 'flaky-haiku' });
  });

  it('answers 429 with Retry-After once retries are exhausted, keeping Bedrock message', async () => {
    const failure = await fixture.client.chat.completions
      .create({ model: 'broken-always-throttled', messages: [{ role: 'user', content: 'hi' }] })
      .then(() => undefined, errorOf);
    expect(failure!.status).toBe(429);
    // Bedrock's own message and name (the emulator's ThrottlingException), not one of ours.
    expect(failure!.body).toEqual({
      message: 'Too many requests, please wait before trying again.',
      type: 'rate_limit_error',
      param: null,
      code: 'ThrottlingException',
    });
    expect(failure!.headers.get('retry-after')).toBeTruthy();
    // Retry-After asks the client to come back later: the gateway does not forbid that retry.
    expect(failure!.headers.get('x-should-retry')).toBeNull();
  });

  it('enforces the deployment timeout with a 408 instead of waiting for a slow model', async () => {
    const failure = await settledWithin(
      'the 0.3 s deployment timeout to answer (the model itself answers after 2 minutes)',
      fixture.client.chat.completions
        .create({ model: 'slow-timeout', messages: [{ role: 'user', content: 'hi' }] })
        .then(() => undefined, errorOf),
      20_000,
    );
    expect(failure!.status).toBe(408);
  });

  it('honours num_retries per deployment: with 0 a single throttle reaches the client', async () => {
    const failure = await fixture.client.chat.completions
      .create({ model: 'flaky-no-retries', messages: [{ role: 'user', content: 'hi' }] })
      .then(() => undefined, errorOf);
    expect(failure!.status).toBe(429);
  });

  it('names the bad field in a 400', async () => {
    const failure = await fixture.client.chat.completions
      .create({ model: 'claude-haiku', messages: [{ role: 'user', content: 'hi' }], temperature: 7 })
      .then(() => undefined, errorOf);
    expect(failure!.status).toBe(400);
    expect(failure!.body.param).toBe('temperature');
  });

  it('refuses unsupported OpenAI params by name unless drop_params is set', async () => {
    const failure = await fixture.client.chat.completions
      .create({ model: 'claude-haiku', messages: [{ role: 'user', content: 'hi' }], frequency_penalty: 0.5 })
      .then(() => undefined, errorOf);
    expect(failure!.status).toBe(400);
    expect(failure!.body.message).toContain('frequency_penalty');
    const dropped = await fixture.client.chat.completions.create({
      model: 'claude-haiku',
      messages: [{ role: 'user', content: 'hi' }],
      frequency_penalty: 0.5,
      // @ts-expect-error LiteLLM's per-request drop_params extension
      drop_params: true,
    });
    expect(dropped.choices[0].message.content).toBeTruthy();
  });

  it('answers 404 for an unknown model and 403 for a model the key may not use', async () => {
    const unknown = await fixture.client.chat.completions
      .create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] })
      .then(() => undefined, errorOf);
    expect(unknown!.status).toBe(404);
    const denied = await fixture.client.chat.completions
      .create({ model: 'secret-model', messages: [{ role: 'user', content: 'hi' }] })
      .then(() => undefined, errorOf);
    expect(denied!.status).toBe(403);
    expect(JSON.stringify(denied!.body)).not.toContain('claude-haiku');
  });

  it('refuses a model served by another API (embeddings) through chat with a clear 400', async () => {
    const failure = await fixture.client.chat.completions
      .create({ model: 'titan-embed', messages: [{ role: 'user', content: 'hi' }] })
      .then(() => undefined, errorOf);
    expect(failure!.status).toBe(400);
    expect(failure!.body.param).toBe('model');
  });

  it('ends a stream that fails midway with an SSE error event, and books it as an error', async () => {
    const response = await streamOverHttp('broken-validation', 'tell me a long story');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"error"');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'error' });
    expect(row!.httpStatus).toBeGreaterThanOrEqual(500);
  });

  it('reports a deadline reached mid-stream as a 408 timeout in the SSE error event, and books it so', async () => {
    const response = await streamOverHttp(
      'slow-stream-timeout',
      'tell me a long story about the sea and the ships on it',
    );
    expect(response.status).toBe(200);
    const events = (await response.text())
      .split('\n\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => JSON.parse(line.slice('data: '.length)));
    expect(events.some((event) => event.choices?.[0]?.delta?.content)).toBe(true);
    expect(events.at(-1)).toMatchObject({ error: { type: 'timeout_error' } });
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'error', httpStatus: 408 });
  });
});

/** A streamed completion read as raw SSE (the openai SDK would throw at the error event). */
function streamOverHttp(model: string, content: string) {
  return fixture.gateway.request('/v1/chat/completions', {
    method: 'POST',
    key: fixture.tenant.key,
    json: { model, messages: [{ role: 'user', content }], stream: true },
  });
}

describe('spend accounting', () => {
  it('books a row per request and adds the same cost to key, team and user totals', async () => {
    const readTotals = async () => {
      const [key, team, user] = await Promise.all([
        fixture.prisma.virtualKey.findUniqueOrThrow({ where: { id: fixture.tenant.keyId } }),
        fixture.prisma.team.findUniqueOrThrow({ where: { id: fixture.tenant.teamId } }),
        fixture.prisma.user.findUniqueOrThrow({ where: { id: fixture.tenant.userId } }),
      ]);
      return { key: key.spend, team: team.spend, user: user.spend };
    };
    await fixture.flushSpend();
    const before = await readTotals();

    const { data, response } = await fixture.client.chat.completions
      .create({
        model: 'claude-haiku',
        messages: [{ role: 'user', content: 'count my spend' }],
        user: 'end-user-42',
      })
      .withResponse();
    const requestId = response.headers.get('x-request-id')!;
    const cost = Number(response.headers.get('x-quarry-response-cost'));
    const row = await spendRow(requestId);
    expect(row).toMatchObject({
      callType: 'chat',
      keyId: fixture.tenant.keyId,
      teamId: fixture.tenant.teamId,
      userId: fixture.tenant.userId,
      endUser: 'end-user-42',
      modelName: 'claude-haiku',
      bedrockModel: 'anthropic.claude-3-haiku-20240307-v1:0',
      promptTokens: data.usage!.prompt_tokens,
      completionTokens: data.usage!.completion_tokens,
      status: 'success',
      httpStatus: 200,
    });
    expect(row!.cost).toBeCloseTo(cost, 12);
    expect(row!.latencyMs).toBeGreaterThanOrEqual(0);

    const after = await readTotals();
    expect(after.key - before.key).toBeCloseTo(cost, 12);
    expect(after.team - before.team).toBeCloseTo(cost, 12);
    expect(after.user - before.user).toBeCloseTo(cost, 12);

    const day = await fixture.prisma.dailySpend.findFirst({
      where: { keyId: fixture.tenant.keyId, modelName: 'claude-haiku' },
    });

    expect(day!.requests).toBeGreaterThanOrEqual(1);
  });

  it('puts the cost of a stream in its final usage chunk, as booked in the spend row', async () => {
    const { data: stream, response } = await fixture.client.chat.completions
      .create({
        model: 'claude-haiku',
        messages: [{ role: 'user', content: 'stream me a priced answer' }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    let usage: { cost?: number } | undefined;
    for await (const chunk of stream) if (chunk.usage) usage = chunk.usage as { cost?: number };
    expect(usage?.cost).toBeGreaterThan(0);
    await fixture.flushSpend();
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row!.cost).toBeCloseTo(usage!.cost!, 10);
  });

  it('books streamed requests with their usage and time to first token', async () => {
    const { data: stream, response } = await fixture.client.chat.completions
      .create({
        model: 'claude-haiku',
        messages: [{ role: 'user', content: 'stream and book' }],
        stream: true,
      })
      .withResponse();
    for await (const _chunk of stream) {
      // drain
    }
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'success', httpStatus: 200 });
    expect(row!.completionTokens).toBeGreaterThan(0);
    expect(row!.cost).toBeGreaterThan(0);
    expect(row!.ttftMs).not.toBeNull();
  });

  it('books failed requests as error rows with their status', async () => {
    const response = await fixture.gateway.request('/v1/chat/completions', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'claude-haiku', messages: [] },
    });
    expect(response.status).toBe(400);
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'error', httpStatus: 400, modelName: 'claude-haiku', cost: 0 });
  });

  it('aborts the Bedrock call when the client disconnects mid-stream and still books what was used', async () => {
    const controller = new AbortController();
    const response = await fetch(`${fixture.gateway.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fixture.tenant.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'slow-haiku',
        messages: [
          { role: 'user', content: 'tell me a very long story about quarries, stones and gateways' },
        ],
        stream: true,
      }),
      signal: controller.signal,
    });
    const requestId = response.headers.get('x-request-id')!;
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('data: ');
    expect(slowHaikuRelay.connections).toHaveLength(1);
    controller.abort();

    // The gateway hangs up on the emulator while the emulator is still streaming (a call that ran to
    // its end would leave the kept-alive connection open).
    await waitUntil(
      'the gateway to hang up on the emulator',
      () => slowHaikuRelay.connections[0].closedByGateway,
    );

    const row = await eventualSpendRow(requestId);
    expect(row).toMatchObject({ status: 'aborted', modelName: 'slow-haiku' });
    expect(row!.promptTokens).toBeGreaterThan(0);
    expect(row!.cost).toBeGreaterThan(0);
  });

  it('books a client that leaves before the first byte as aborted (499), not as a gateway error', async () => {
    const controller = new AbortController();
    const requestId = `early-leaver-${nonce}`;
    const atBedrock = requestArrival('the call of slow-first-byte to reach the emulator', (path) =>
      path.includes('~slow:3000/converse-stream'),
    );
    const pending = fetch(`${fixture.gateway.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${fixture.tenant.key}`,
        'content-type': 'application/json',
        'x-request-id': requestId,
      },
      body: JSON.stringify({
        model: 'slow-first-byte',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      }),
      signal: controller.signal,
    }).catch(() => undefined);
    await atBedrock; // the gateway is waiting for the model's first byte
    controller.abort();
    await pending;

    const row = await eventualSpendRow(requestId);
    expect(row).toMatchObject({ status: 'aborted', httpStatus: 499, modelName: 'slow-first-byte' });
  });
});
