// least-busy counts a call in flight from its attempt's start until the call is over. An attempt whose
// answer is then refused (an image the model's filter withheld) and handed to a fallback model must
// still come off its deployment's count: otherwise every such call leaves that deployment looking busy
// for good, and a tenant sending filtered prompts steers every other team's traffic away from it.
import { randomBytes } from 'node:crypto';
import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { pollUntil } from '../support/polling';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant, type TestTenant } from '../support/tenants';

const nonce = randomBytes(4).toString('hex');
const IMG = `img-${nonce}`;
const BACKUP = `img-backup-${nonce}`;
const FILTERING = `img-stability-${nonce}`;
const LENIENT = `img-titan-${nonce}`;

const deployment = (model: string, bedrockModel: string, id: string) => `
  - model_name: ${model}
    litellm_params:
      model: bedrock/${bedrockModel}${EMULATOR_CREDENTIALS_YAML}
    model_info:
      id: ${id}`;

const CONFIG = `router_settings:
  routing_strategy: least-busy
  num_retries: 0
  content_policy_fallbacks:
    - ${IMG}: [${BACKUP}]
model_list:${[
  deployment(IMG, 'stability.stability.sd3-large-v1:0', FILTERING),
  deployment(IMG, 'amazon.titan-image-generator-v2:0', LENIENT),
  deployment(BACKUP, 'amazon.titan-image-generator-v2:0', `backup-${nonce}`),
].join('')}
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

async function generate(prompt: string) {
  const response = await gateway.request('/v1/images/generations', {
    method: 'POST',
    key: tenant.key,
    json: { model: IMG, prompt, size: '1024x1024' },
  });
  await response.text();
  return response;
}

it('a deployment whose answer went to a fallback model is not left counted as busy', async () => {
  await pollUntil(
    'a filtered image on the filtering deployment, served by the fallback model',
    () => generate('a cat QUARRY_BLOCK'),
    (response) => response.headers.get('x-quarry-attempted-fallbacks') === '1',
    { timeoutMs: 20_000 },
  );
  const servedBy: string[] = [];
  for (let call = 0; call < 20; call++) {
    const response = await generate('a cat');
    expect(response.status).toBe(200);
    servedBy.push(response.headers.get('x-quarry-model-id')!);
  }
  // Idle deployments tie and are picked at random: 20 calls all on one would be 1 in a million.
  expect(servedBy).toContain(FILTERING);
});
