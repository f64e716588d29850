// A key's budget for one model (model_max_budget) holds whichever way the model is reached: a model
// fallback (the request body's `fallbacks` or config.yaml's) is no way round it. A fallback model whose
// budget on the key is spent is passed over, and what a fallback model serves counts against its own
// budget, not the requested model's.
import { randomBytes } from 'node:crypto';
import { startEmulator, withFaults, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createKey, createTeam } from '../support/tenants';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const nonce = randomBytes(4).toString('hex');
const PRICEY = `pricey-${nonce}`;
const BROKEN = `broken-${nonce}`;
const CONFIG_FALLBACK = `broken-configured-${nonce}`;
const TINY = 1e-9;

const deployment = (model: string, faults?: string) => `
  - model_name: ${model}
    litellm_params:
      model: bedrock/${HAIKU}${faults ? `\n      model_id: ${withFaults(HAIKU, `${faults},nonce:${model}`)}` : ''}${EMULATOR_CREDENTIALS_YAML}`;

const CONFIG = `router_settings:
  num_retries: 0
  fallbacks:
    - ${CONFIG_FALLBACK}: [${PRICEY}]
model_list:${deployment(PRICEY)}${deployment(BROKEN, 'error500')}${deployment(CONFIG_FALLBACK, 'error500')}
`;

let emulator: RunningEmulator;
let gateway: TestGateway;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  gateway = await startTestGateway({ configYaml: CONFIG, awsEndpoint: emulator.endpoint });
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
});

async function keyWithPriceyBudget(): Promise<string> {
  const teamId = await createTeam(gateway, { models: [PRICEY, BROKEN, CONFIG_FALLBACK] });
  const { key } = await createKey(gateway, {
    team_id: teamId,
    aliases: { p: PRICEY },
    model_max_budget: { [PRICEY]: { budget_limit: String(TINY), time_period: '1d' } },
  });
  return key;
}

async function chat(key: string, model: string, extra: Record<string, unknown> = {}) {
  const response = await gateway.request('/v1/chat/completions', {
    method: 'POST',
    key,
    json: { model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 5, ...extra },
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

it('a spent model budget is not reached through the request body’s fallbacks', async () => {
  const key = await keyWithPriceyBudget();
  expect((await chat(key, PRICEY)).status).toBe(200);
  expect((await chat(key, PRICEY)).status).toBe(429);
  const through = await chat(key, BROKEN, { fallbacks: [PRICEY] });
  expect(through.status).not.toBe(200);
  expect(through.headers.get('x-quarry-attempted-fallbacks')).toBe('0');
});

it('nor through a key alias of the model in the request body’s fallbacks', async () => {
  const key = await keyWithPriceyBudget();
  expect((await chat(key, PRICEY)).status).toBe(200);
  expect((await chat(key, BROKEN, { fallbacks: ['p'] })).status).not.toBe(200);
});

it('a spent model budget is not reached through config.yaml’s fallbacks', async () => {
  const key = await keyWithPriceyBudget();
  expect((await chat(key, PRICEY)).status).toBe(200);
  expect((await chat(key, CONFIG_FALLBACK)).status).not.toBe(200);
});

it('what a fallback model serves counts against that model’s budget', async () => {
  const key = await keyWithPriceyBudget();
  const served = await chat(key, BROKEN, { fallbacks: [PRICEY] });
  expect(served.status).toBe(200);
  expect(served.headers.get('x-quarry-attempted-fallbacks')).toBe('1');
  const refused = await chat(key, PRICEY);
  expect(refused.status).toBe(429);
  expect(refused.body.error).toMatchObject({ type: 'budget_exceeded', param: 'model_max_budget' });
});
