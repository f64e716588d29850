// Retries and fallbacks before the first byte, seen from a real client: a model served by a dead
// deployment and a live one answers (streamed or not) from the live one, the retry after the dead one's
// failure moving to it at once (one retry budget for the model, as in LiteLLM);
// a stream whose first attempt is refused is retried and streams normally; a stream that cannot start
// at all is a plain HTTP error, not an SSE error event. The dead endpoints are TCP relays that reset
// every connection (a retryable network failure), so every attempt the gateway makes is counted.
import OpenAI from 'openai';
import { randomBytes } from 'node:crypto';
import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { SpendWriter } from '../../apps/gateway/src/spend/spend-writer.service';
import { newPrismaClient } from '../support/database';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { startTcpRelay, type TcpRelay } from '../support/tcp-relay';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant, type TestTenant } from '../support/tenants';

const HAIKU = 'bedrock/anthropic.claude-3-haiku-20240307-v1:0';
const nonce = randomBytes(4).toString('hex');
const DEAD_ID = `dead-${nonce}`;
const LIVE_ID = `live-${nonce}`;
/** Calls sent until the router has put the dead deployment first at least once (1 in 2 per call). */
const MAX_CALLS_FOR_DEAD_FIRST = 30;

let emulator: RunningEmulator;
let dead: TcpRelay;
let flaky: TcpRelay;
let deadAlone: TcpRelay;
let gateway: TestGateway;
let tenant: TestTenant;
let client: OpenAI;
const prisma = newPrismaClient();

function deployment(name: string, id: string, endpoint: string, numRetries: number): string {
  return `
  - model_name: ${name}
    litellm_params:
      model: ${HAIKU}
      aws_bedrock_runtime_endpoint: ${endpoint}
      num_retries: ${numRetries}${EMULATOR_CREDENTIALS_YAML}
    model_info:
      id: ${id}`;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  [dead, flaky, deadAlone] = await Promise.all([
    startTcpRelay(undefined, { refuseFirst: Infinity }),
    startTcpRelay(emulator.endpoint, { refuseFirst: 1 }),
    startTcpRelay(undefined, { refuseFirst: Infinity }),
  ]);
  gateway = await startTestGateway({
    configYaml: `model_list:${[
      deployment('fallback-haiku', DEAD_ID, dead.endpoint, 1),
      deployment('fallback-haiku', LIVE_ID, emulator.endpoint, 1),
      deployment('retried-haiku', `retried-${nonce}`, flaky.endpoint, 2),
      deployment('unreachable-haiku', `unreachable-${nonce}`, deadAlone.endpoint, 1),
    ].join('')}
`,
  });
  tenant = await createTenant(gateway);
  client = new OpenAI({ apiKey: tenant.key, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([dead?.close(), flaky?.close(), deadAlone?.close()]);
  await emulator?.close();
  await prisma.$disconnect();
});

async function spendRow(requestId: string) {
  await gateway.app.get(SpendWriter).flush();
  return prisma.spendLog.findFirst({ where: { requestId } });
}

function streamOverHttp(model: string) {
  return gateway.request('/v1/chat/completions', {
    method: 'POST',
    key: tenant.key,
    json: { model, stream: true, messages: [{ role: 'user', content: 'hello through the fallback' }] },
  });
}

/** The text a raw SSE body streamed (its content deltas, joined). */
function streamedContent(sse: string): string {
  return sse
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: {'))
    .map((frame) => JSON.parse(frame.slice('data: '.length)).choices?.[0]?.delta?.content ?? '')
    .join('');
}

/**
 * Sends calls until one finds the dead deployment first (the router shuffles), checking that every
 * call succeeds on the live deployment; returns the request id of the call that fell back.
 */
async function callUntilDeadFirst(
  send: () => Promise<string>,
): Promise<{ requestId: string; tries: number }> {
  for (let call = 0; call < MAX_CALLS_FOR_DEAD_FIRST; call++) {
    const before = dead.connections.length;
    const requestId = await send();
    const row = await spendRow(requestId);
    expect(row).toMatchObject({ status: 'success', httpStatus: 200, deploymentId: LIVE_ID });
    const tries = dead.connections.length - before;
    if (tries > 0) return { requestId, tries };
  }
  throw new Error(`the dead deployment was never tried first in ${MAX_CALLS_FOR_DEAD_FIRST} calls`);
}

describe('fallback to the next deployment of the same model', () => {
  it('answers a plain call from the live deployment, the retry after the dead one going to it', async () => {
    const { tries } = await callUntilDeadFirst(async () => {
      const { data, response } = await client.chat.completions
        .create({
          model: 'fallback-haiku',
          messages: [{ role: 'user', content: 'hello through the fallback' }],
        })
        .withResponse();
      expect(data.choices[0].message.content).toContain('hello through the fallback');
      return response.headers.get('x-request-id')!;
    });
    // One attempt on the dead deployment; the retry goes to the live one rather than the dead one again.
    expect(tries).toBe(1);
  });

  it('streams from the live deployment after the dead one, with no trace of the failure in the stream', async () => {
    const { tries } = await callUntilDeadFirst(async () => {
      const response = await streamOverHttp('fallback-haiku');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/event-stream');
      const text = await response.text();
      expect(streamedContent(text)).toContain('hello through the fallback');
      expect(text).not.toContain('"error"');
      expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
      return response.headers.get('x-request-id')!;
    });
    expect(tries).toBe(1);
  });
});

describe('a stream that fails before its first byte', () => {
  it('is retried on the same deployment and then streams normally', async () => {
    const response = await streamOverHttp('retried-haiku');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(streamedContent(text)).toContain('hello through the fallback');
    expect(text).not.toContain('"error"');
    expect(flaky.refused).toBe(1);
    expect(flaky.connections.length).toBe(2);
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'success', httpStatus: 200 });
    expect(row!.completionTokens).toBeGreaterThan(0);
  });

  it('is a plain HTTP error, not an SSE error event, once its retries are spent', async () => {
    const response = await streamOverHttp('unreachable-haiku');
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      error: {
        message: 'Could not reach Amazon Bedrock (ECONNRESET)',
        type: 'upstream_error',
        param: null,
        code: 'ECONNRESET',
      },
    });
    // One attempt and its retry (num_retries: 1), both refused.
    expect(deadAlone.connections.length).toBe(2);
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'error', httpStatus: 502, completionTokens: 0 });
  });
});
