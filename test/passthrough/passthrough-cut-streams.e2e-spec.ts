// A passthrough stream the client closes before Bedrock's usage report still cost tokens: the gateway
// books an estimate (the request's text and the output that went by) rather than nothing, so closing
// the socket just before the last event is not a way around budgets. The emulator writes slowly here,
// so the client's cut lands mid-answer.
import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { newPrismaClient } from '../support/database';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { createKey } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { SpendWriter } from '../../apps/gateway/src/spend/spend-writer.service';
import { waitUntil } from '../support/polling';

let emulator: RunningEmulator;
let gateway: TestGateway;
let key: string;
const prisma = newPrismaClient();

const STORY = 'Tell me a very long story about the sea, its ships and the quarries on its shore.';

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokensPerSecond: 25 });
  gateway = await startTestGateway({
    awsEndpoint: emulator.endpoint,
    configYaml: `model_list:
  - model_name: paced-nova
    litellm_params:
      model: bedrock/us.amazon.nova-lite-v1:0${EMULATOR_CREDENTIALS_YAML}
  - model_name: paced-haiku
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0${EMULATOR_CREDENTIALS_YAML}
`,
  });
  key = (await createKey(gateway, {})).key;
});

afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
  await prisma.$disconnect();
});

/** Starts a stream, reads until `chunks` chunks arrived, then hangs up; returns the request id. */
async function cutAfter(path: string, body: unknown, chunks: number): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(`${gateway.baseUrl}/bedrock${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  for (let read = 0; read < chunks; read++) expect((await reader.read()).done).toBe(false);
  controller.abort();
  return response.headers.get('x-request-id')!;
}

async function bookedRow(requestId: string) {
  let row: Awaited<ReturnType<typeof prisma.spendLog.findFirst>> = null;
  await waitUntil('the cut call to be booked', async () => {
    await gateway.app.get(SpendWriter).flush();
    row = await prisma.spendLog.findFirst({ where: { requestId } });
    return row !== null;
  });
  return row!;
}

describe('a passthrough stream cut by the client', () => {
  it('ConverseStream: books an estimate of the prompt and of the output relayed so far', async () => {
    const requestId = await cutAfter(
      '/model/paced-nova/converse-stream',
      { messages: [{ role: 'user', content: [{ text: STORY }] }] },
      4,
    );
    const row = await bookedRow(requestId);
    expect(row.status).toBe('aborted');
    expect(row.promptTokens).toBeGreaterThanOrEqual(Math.floor(STORY.length / 4));
    expect(row.completionTokens).toBeGreaterThan(0);
    expect(row.cost).toBeGreaterThan(0);
  });

  it('InvokeModelWithResponseStream: the same, from the native chunks', async () => {
    const requestId = await cutAfter(
      '/model/paced-haiku/invoke-with-response-stream',
      {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 400,
        messages: [{ role: 'user', content: STORY }],
      },
      4,
    );
    const row = await bookedRow(requestId);
    expect(row.status).toBe('aborted');
    expect(row.promptTokens).toBeGreaterThanOrEqual(Math.floor(STORY.length / 4));
    expect(row.completionTokens).toBeGreaterThan(0);
    expect(row.cost).toBeGreaterThan(0);
  });
});
