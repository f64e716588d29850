// A hostile tenant must not be able to take a shared deployment out of everyone's rotation. The request
// body's `timeout` is the client's own choice: when it, not the deployment's timeout, ends a call, the
// deployment did nothing wrong, so it must not count towards the deployment's allowed_fails. Otherwise a
// few calls with `timeout: 0.05` cool every deployment of a model down, and other teams get 429s.
import { randomBytes } from 'node:crypto';
import { startEmulator, withFaults, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant, type TestTenant } from '../support/tenants';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const nonce = randomBytes(4).toString('hex');
const MODEL = `shared-${nonce}`;
const DEPLOYMENTS = [`shared-a-${nonce}`, `shared-b-${nonce}`];

const deployment = (deploymentId: string) => `
  - model_name: ${MODEL}
    litellm_params:
      model: bedrock/${HAIKU}
      model_id: ${withFaults(HAIKU, `latency:400,nonce:${deploymentId}`)}${EMULATOR_CREDENTIALS_YAML}
    model_info:
      id: ${deploymentId}`;

const CONFIG = `router_settings:
  allowed_fails: 1
  cooldown_time: 60
model_list:${DEPLOYMENTS.map(deployment).join('')}
`;

let emulator: RunningEmulator;
let gateway: TestGateway;
let attacker: TestTenant;
let victim: TestTenant;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  gateway = await startTestGateway({ configYaml: CONFIG, awsEndpoint: emulator.endpoint });
  attacker = await createTenant(gateway);
  victim = await createTenant(gateway);
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
});

const chat = (key: string, extra: Record<string, unknown> = {}) =>
  gateway.request('/v1/chat/completions', {
    method: 'POST',
    key,
    json: { model: MODEL, messages: [{ role: 'user', content: 'hello' }], max_tokens: 5, ...extra },
  });

it('a request’s own short `timeout` does not cool a shared deployment down for other teams', async () => {
  for (let call = 0; call < 6; call++) {
    const response = await chat(attacker.key, { timeout: 0.02, num_retries: 0 });
    expect(response.status).toBe(408);
    await response.text();
  }
  const info = await gateway.request(`/model_group/info?model_group=${MODEL}`, { key: victim.key });
  const group = ((await info.json()) as { data: any[] }).data[0];
  expect(group.deployment_states.map((state: any) => state.status)).toEqual(['healthy', 'healthy']);
  const answer = await chat(victim.key);
  expect(answer.status).toBe(200);
});
