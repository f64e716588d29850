// Model-level fallbacks seen from the openai SDK, against the emulator's fault injection: a model that
// fails after its retries is served by the next model of the list that fits the failure (fallbacks,
// context_window_fallbacks, content_policy_fallbacks, default_fallbacks), with that model's deployment
// and price in the spend row and the number of fallbacks in the headers; a fallback model the caller's
// team may not use is passed over; the request body's `fallbacks` replace the configured ones.
import OpenAI from 'openai';
import { randomBytes } from 'node:crypto';
import { startEmulator, withFaults, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { SpendWriter } from '../../apps/gateway/src/spend/spend-writer.service';
import { newPrismaClient } from '../support/database';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant, type TestTenant } from '../support/tenants';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
const TITAN_EMBED = 'amazon.titan-embed-text-v2:0';
const nonce = randomBytes(4).toString('hex');
const id = (name: string) => `${name}-${nonce}`;

let emulator: RunningEmulator;
let gateway: TestGateway;
/** A team that may use every model but `other-team-model`. */
let tenant: TestTenant;
/** The team that owns `other-team-model`. */
let otherTeam: TestTenant;
let client: OpenAI;
const prisma = newPrismaClient();

/** A deployment of `baseModel`; with `faults`, every call to it makes the emulator inject them. */
function deployment(name: string, baseModel: string, faults?: string, info = ''): string {
  return `
  - model_name: ${name}
    litellm_params:
      model: bedrock/${baseModel}${faults ? `\n      model_id: ${withFaults(baseModel, faults)}` : ''}${EMULATOR_CREDENTIALS_YAML}
    model_info:
      id: ${id(name)}${info}`;
}

const EMBEDDING = '\n      mode: embedding';
const MODELS = [
  'primary-throttled',
  'primary-context',
  'primary-filtered',
  'primary-down',
  'no-fallbacks',
  'rescue',
  'big-context',
  'lenient',
  'embed-down',
  'embed-ok',
];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  gateway = await startTestGateway({
    awsEndpoint: emulator.endpoint,
    configYaml: `model_list:${[
      deployment('primary-throttled', HAIKU, `throttle,nonce:${nonce}`),
      deployment('primary-context', HAIKU, 'context-too-long'),
      deployment('primary-filtered', HAIKU, 'content-filtered'),
      deployment('primary-down', HAIKU, 'unavailable'),
      deployment('no-fallbacks', HAIKU, `error500,nonce:${nonce}`),
      deployment('other-team-model', HAIKU),
      deployment('rescue', HAIKU),
      deployment('big-context', SONNET),
      deployment('lenient', HAIKU),
      deployment('embed-down', TITAN_EMBED, 'unavailable', EMBEDDING),
      deployment('embed-ok', TITAN_EMBED, undefined, EMBEDDING),
    ].join('')}
router_settings:
  num_retries: 1
  fallbacks:
    - primary-throttled: [other-team-model, rescue]
    - embed-down: [embed-ok]
  context_window_fallbacks:
    - primary-context: [big-context]
  content_policy_fallbacks:
    - primary-filtered: [lenient]
  default_fallbacks: [rescue]
litellm_settings:
  num_retries: 1
`,
  });
  tenant = await createTenant(gateway, { teamModels: MODELS });
  otherTeam = await createTenant(gateway, { teamModels: ['primary-throttled', 'other-team-model'] });
  client = new OpenAI({ apiKey: tenant.key, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
  await prisma.$disconnect();
});

async function spendRow(requestId: string) {
  await gateway.app.get(SpendWriter).flush();
  return prisma.spendLog.findFirstOrThrow({ where: { requestId } });
}

function chat(model: string, extra: Record<string, unknown> = {}, as: OpenAI = client) {
  return as.chat.completions
    .create({ model, messages: [{ role: 'user', content: 'hello, whoever answers' }], ...extra })
    .withResponse();
}

function errorOf(error: unknown): { status: number; body: any; headers: Headers } {
  if (!(error instanceof OpenAI.APIError)) throw error;
  return { status: error.status!, body: error.error, headers: error.headers as unknown as Headers };
}

describe('configured fallbacks', () => {
  it('serves a throttled model from its next fallback, passing over one the team may not use', async () => {
    const { data, response } = await chat('primary-throttled');
    expect(data.choices[0].message.content).toBeTruthy();
    expect(data.model).toBe('primary-throttled');
    // other-team-model is not tenant's: it "does not exist", so rescue is the first fallback tried.
    expect(response.headers.get('x-quarry-attempted-fallbacks')).toBe('1');
    expect(response.headers.get('x-litellm-attempted-fallbacks')).toBe('1');
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({
      status: 'success',
      modelName: 'primary-throttled',
      deploymentId: id('rescue'),
      bedrockModel: HAIKU,
    });
    expect(row.cost).toBeGreaterThan(0);
  });

  it('uses the other team’s model for that team, first in the list', async () => {
    const otherClient = new OpenAI({
      apiKey: otherTeam.key,
      baseURL: `${gateway.baseUrl}/v1`,
      maxRetries: 0,
    });
    const { response } = await chat('primary-throttled', {}, otherClient);
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row.deploymentId).toBe(id('other-team-model'));
  });

  it('streams from the fallback when the requested model fails before the first byte', async () => {
    const stream = await client.chat.completions.create({
      model: 'primary-throttled',
      messages: [{ role: 'user', content: 'stream it from elsewhere' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text.length).toBeGreaterThan(0);
  });

  it('sends a prompt too long for the model to its context_window_fallbacks, priced as that model', async () => {
    const { data, response } = await chat('primary-context');
    expect(data.choices[0].message.content).toBeTruthy();
    expect(response.headers.get('x-quarry-attempted-fallbacks')).toBe('1');
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'success', deploymentId: id('big-context'), bedrockModel: SONNET });
    // Sonnet's price, not Haiku's: the same tokens cost more than a Haiku answer would.
    const haikuRow = await spendRow((await chat('rescue')).response.headers.get('x-request-id')!);
    expect(row.cost / (row.promptTokens + 5 * row.completionTokens)).toBeGreaterThan(
      haikuRow.cost / (haikuRow.promptTokens + 5 * haikuRow.completionTokens),
    );
  });

  it('sends a request a content filter refused to its content_policy_fallbacks', async () => {
    const { response } = await chat('primary-filtered');
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'success', deploymentId: id('lenient') });
  });

  it('uses default_fallbacks for a model without a fallbacks entry of its own', async () => {
    const { response } = await chat('primary-down');
    expect(response.headers.get('x-quarry-attempted-fallbacks')).toBe('1');
    expect((await spendRow(response.headers.get('x-request-id')!)).deploymentId).toBe(id('rescue'));
  });

  it('falls back on the embeddings surface too', async () => {
    const { data, response } = await client.embeddings
      .create({ model: 'embed-down', input: 'fall back, vector' })
      .withResponse();
    expect(data.data[0].embedding.length).toBeGreaterThan(0);
    expect(response.headers.get('x-quarry-attempted-fallbacks')).toBe('1');
    expect((await spendRow(response.headers.get('x-request-id')!)).deploymentId).toBe(id('embed-ok'));
  });
});

describe('fallbacks in the request body', () => {
  it('replaces the configured fallbacks with the body’s list', async () => {
    const { response } = await chat('no-fallbacks', { fallbacks: ['lenient'] });
    expect(response.headers.get('x-quarry-attempted-fallbacks')).toBe('1');
    expect((await spendRow(response.headers.get('x-request-id')!)).deploymentId).toBe(id('lenient'));
  });

  it('passes over a body fallback the caller may not use, answering with the model’s own error', async () => {
    const failure = await chat('no-fallbacks', { fallbacks: ['other-team-model'] }).then(
      () => undefined,
      errorOf,
    );
    expect(failure!.status).toBe(502);
    expect(failure!.body.code).toBe('InternalServerException');
    expect(failure!.headers.get('x-quarry-attempted-fallbacks')).toBe('0');
    // The gateway retried already: the SDK is told not to.
    expect(failure!.headers.get('x-should-retry')).toBe('false');
  });

  it('tries no fallback with disable_fallbacks', async () => {
    const failure = await chat('primary-down', { disable_fallbacks: true }).then(() => undefined, errorOf);
    expect(failure!.status).toBe(503);
  });

  it('refuses a fallbacks entry that is not a model name with a 400 naming it', async () => {
    const failure = await chat('rescue', { fallbacks: ['lenient', { model: 'x' }] }).then(
      () => undefined,
      errorOf,
    );
    expect(failure!.status).toBe(400);
    expect(failure!.body.param).toBe('fallbacks[1]');
  });
});
