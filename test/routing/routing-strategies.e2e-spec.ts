// The routing strategies seen from a real client (openai SDK) through the gateway against the emulator:
// simple-shuffle spreads calls by weight and keeps a higher order tier out while the first serves,
// least-busy sends calls past a deployment busy with a slow call, latency-based routing settles on the
// fast deployment (plain calls and streams), usage-based routing fills deployments in proportion to
// their rpm. Which deployment served each call is read from its spend
// row. Counts are checked against binomial bounds (±5σ) and latency gaps are far larger than any
// scheduling noise, so none of this depends on timing luck.
import OpenAI from 'openai';
import { randomBytes } from 'node:crypto';
import { startEmulator, withFaults, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { DeploymentRouter } from '../../apps/gateway/src/invocation/routing/deployment-router';
import type { LeastBusyRouter } from '../../apps/gateway/src/invocation/routing/least-busy-router';
import { SpendWriter } from '../../apps/gateway/src/spend/spend-writer.service';
import { newPrismaClient } from '../support/database';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { waitUntil } from '../support/polling';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant } from '../support/tenants';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const nonce = randomBytes(4).toString('hex');
const id = (name: string) => `${name}-${nonce}`;
const prisma = newPrismaClient();
let emulator: RunningEmulator;

/** A haiku deployment of `name` with its own id, emulator faults and litellm_params lines. */
function deployment(name: string, deploymentId: string, faults = 'nonce:0', params = ''): string {
  return `
  - model_name: ${name}
    litellm_params:
      model: bedrock/${HAIKU}
      model_id: ${withFaults(HAIKU, faults)}
      num_retries: 0${params}${EMULATOR_CREDENTIALS_YAML}
    model_info:
      id: ${deploymentId}`;
}

interface RoutedGateway {
  gateway: TestGateway;
  client: OpenAI;
}

async function startRoutedGateway(strategy: string, models: string[]): Promise<RoutedGateway> {
  const gateway = await startTestGateway({
    configYaml: `model_list:${models.join('')}\nrouter_settings:\n  routing_strategy: ${strategy}\n`,
    awsEndpoint: emulator.endpoint,
  });
  const tenant = await createTenant(gateway);
  const client = new OpenAI({ apiKey: tenant.key, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
  return { gateway, client };
}

async function chat({ client }: RoutedGateway, model: string): Promise<string> {
  const { data, response } = await client.chat.completions
    .create({ model, messages: [{ role: 'user', content: 'which deployment are you?' }] })
    .withResponse();
  expect(data.choices[0].message.content).toBeTruthy();
  return response.headers.get('x-request-id')!;
}

async function streamedChat({ client }: RoutedGateway, model: string): Promise<string> {
  const { data, response } = await client.chat.completions
    .create({ model, stream: true, messages: [{ role: 'user', content: 'which deployment streams?' }] })
    .withResponse();
  let text = '';
  for await (const chunk of data) text += chunk.choices[0]?.delta?.content ?? '';
  expect(text).toBeTruthy();
  return response.headers.get('x-request-id')!;
}

/** How many of these calls each deployment served, from their spend rows. */
async function servedBy({ gateway }: RoutedGateway, requestIds: string[]): Promise<Record<string, number>> {
  await gateway.app.get(SpendWriter).flush();
  const rows = await prisma.spendLog.findMany({ where: { requestId: { in: requestIds } } });
  expect(rows).toHaveLength(requestIds.length);
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.deploymentId!] = (counts[row.deploymentId!] ?? 0) + 1;
  return counts;
}

async function sequentially(times: number, call: () => Promise<string>): Promise<string[]> {
  const requestIds: string[] = [];
  for (let index = 0; index < times; index++) requestIds.push(await call());
  return requestIds;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emulator?.close();
  await prisma.$disconnect();
});

describe('simple-shuffle (the default) with weight and order', () => {
  let routed: RoutedGateway;
  // 240 calls at 3:1: the heavy share is 0.75 ± 5σ (σ = 0.028); unweighted (0.5) it would need to be
  // 3.4 of its own σ high to pass.
  const CALLS = 240;
  const CONCURRENCY = 8;

  beforeAll(async () => {
    routed = await startRoutedGateway('simple-shuffle', [
      deployment('weighted-haiku', id('heavy'), 'nonce:heavy', '\n      weight: 3'),
      deployment('weighted-haiku', id('light'), 'nonce:light', '\n      weight: 1'),
      // A second tier: tried only when both of the first fail, however heavy.
      deployment('weighted-haiku', id('backup'), 'nonce:backup', '\n      weight: 100\n      order: 2'),
    ]);
  }, 60_000);
  afterAll(() => routed?.gateway.close());

  it('spreads calls over the first tier by weight and never uses the second while the first serves', async () => {
    const requestIds: string[] = [];
    for (let batch = 0; batch < CALLS / CONCURRENCY; batch++)
      requestIds.push(
        ...(await Promise.all(Array.from({ length: CONCURRENCY }, () => chat(routed, 'weighted-haiku')))),
      );
    const counts = await servedBy(routed, requestIds);
    expect(counts[id('backup')]).toBeUndefined();
    const heavyShare = counts[id('heavy')] / CALLS;
    expect(heavyShare).toBeGreaterThan(0.75 - 0.14);
    expect(heavyShare).toBeLessThan(0.75 + 0.14);
  }, 120_000);
});

describe('least-busy', () => {
  let routed: RoutedGateway;
  // Long enough to outlast every call the test makes meanwhile.
  const SLOW_MS = 5_000;

  beforeAll(async () => {
    routed = await startRoutedGateway('least-busy', [
      deployment('busy-haiku', id('slow'), `latency:${SLOW_MS}`),
      deployment('busy-haiku', id('idle'), 'nonce:idle'),
    ]);
  }, 60_000);
  afterAll(() => routed?.gateway.close());

  it('sends every call to the idle deployment while the other is busy with a slow call', async () => {
    const router = routed.gateway.app.get(DeploymentRouter) as LeastBusyRouter;
    // Both idle: ties go either way. Call until one call is held by the slow deployment.
    const background: Promise<string>[] = [];
    await waitUntil('a call in flight on the slow deployment', async () => {
      const call = chat(routed, 'busy-haiku');
      background.push(call);
      await Promise.race([call, waitUntil('slow busy', () => router.busy(id('slow')) > 0)]);
      return router.busy(id('slow')) > 0;
    });
    const requestIds = await sequentially(20, () => chat(routed, 'busy-haiku'));
    expect(await servedBy(routed, requestIds)).toEqual({ [id('idle')]: 20 });
    await Promise.all(background);
  }, 120_000);
});

describe('latency-based-routing', () => {
  let routed: RoutedGateway;

  beforeAll(async () => {
    routed = await startRoutedGateway('latency-based-routing', [
      deployment('latency-haiku', id('fast'), 'nonce:fast'),
      deployment('latency-haiku', id('sluggish'), 'latency:1500'),
    ]);
  }, 60_000);
  afterAll(() => routed?.gateway.close());

  it('settles on the fast deployment once both are measured, for plain calls and for streams', async () => {
    // Each deployment is tried once while unmeasured (plain calls and streams are measured apart).
    const warmUp = await sequentially(2, () => chat(routed, 'latency-haiku'));
    expect(await servedBy(routed, warmUp)).toEqual({ [id('fast')]: 1, [id('sluggish')]: 1 });
    await sequentially(2, () => streamedChat(routed, 'latency-haiku'));

    const calls = await sequentially(15, () => chat(routed, 'latency-haiku'));
    expect(await servedBy(routed, calls)).toEqual({ [id('fast')]: 15 });
    const streams = await sequentially(10, () => streamedChat(routed, 'latency-haiku'));
    expect(await servedBy(routed, streams)).toEqual({ [id('fast')]: 10 });
  }, 120_000);
});

describe('usage-based-routing', () => {
  let routed: RoutedGateway;
  /** Two model names alike: a run that crosses a clock minute (usage restarts) is redone on the other. */
  const GROUPS = ['usage-a', 'usage-b'];

  beforeAll(async () => {
    routed = await startRoutedGateway(
      'usage-based-routing-v2',
      GROUPS.flatMap((group) => [
        deployment(group, id(`${group}-small`), `nonce:${group}-small`, '\n      rpm: 10'),
        deployment(group, id(`${group}-large`), `nonce:${group}-large`, '\n      rpm: 30'),
      ]),
    );
  }, 60_000);
  afterAll(() => routed?.gateway.close());

  it('always sends the next call to the deployment with the most rpm headroom this minute', async () => {
    for (const group of GROUPS) {
      const minute = Math.floor(Date.now() / 60_000);
      const requestIds = await sequentially(20, () => chat(routed, group));
      if (Math.floor(Date.now() / 60_000) !== minute) continue;
      // Each call goes where the share used is lowest: 5 of 10 and 15 of 30 after 20, whatever the ties.
      expect(await servedBy(routed, requestIds)).toEqual({
        [id(`${group}-small`)]: 5,
        [id(`${group}-large`)]: 15,
      });
      return;
    }
    throw new Error('both runs of 20 calls crossed a clock minute');
  }, 120_000);
});
