// num_retries is capped at 10 wherever it is set: router_settings refuses more, a request's is cut to 10,
// and a deployment's own litellm_params.num_retries must be held to the same bound. Uncapped, one request
// to a throttled model loops through its deployments (no wait between deployments) for the whole request
// timeout, thousands of Bedrock calls for one client call.
import { randomBytes } from 'node:crypto';
import { startEmulator, withFaults, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant, type TestTenant } from '../support/tenants';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const nonce = randomBytes(4).toString('hex');
const MODEL = `throttled-${nonce}`;

const deployment = (deploymentId: string) => `
  - model_name: ${MODEL}
    litellm_params:
      model: bedrock/${HAIKU}
      model_id: ${withFaults(HAIKU, `throttle,nonce:${deploymentId}`)}${EMULATOR_CREDENTIALS_YAML}
      num_retries: 1000
      cooldown_time: 0
    model_info:
      id: ${deploymentId}`;

const CONFIG = `model_list:${[`thr-a-${nonce}`, `thr-b-${nonce}`].map(deployment).join('')}
`;

let emulator: RunningEmulator;
let gateway: TestGateway;
let tenant: TestTenant;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  gateway = await startTestGateway({ configYaml: CONFIG, awsEndpoint: emulator.endpoint });
  tenant = await createTenant(gateway);
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
});

it('a deployment’s num_retries above 10 makes at most 10 retries', async () => {
  const response = await gateway.request('/v1/chat/completions', {
    method: 'POST',
    key: tenant.key,
    json: { model: MODEL, messages: [{ role: 'user', content: 'hello' }], max_tokens: 5 },
  });
  await response.text();
  expect(response.status).toBe(429);
  expect(Number(response.headers.get('x-quarry-attempted-retries'))).toBe(10);
}, 60_000);
