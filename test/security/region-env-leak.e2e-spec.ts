// A deployment's region is shown to every caller of its model (x-quarry-model-region, /health) and goes
// into the Bedrock host name. /model/new lets aws_region_name be an `os.environ/NAME` reference, so an
// admin could point it at any variable of the gateway (DATABASE_URL, the master key) and every tenant
// calling that model would read the value in a response header. A region that is no AWS region name is
// refused at /model/new when written out, and never used (nor shown) when it comes from the environment.
import { randomBytes } from 'node:crypto';
import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant, type TestTenant } from '../support/tenants';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const nonce = randomBytes(4).toString('hex');
const SECRET_VARIABLE = `QUARRY_TEST_SECRET_${nonce.toUpperCase()}`;
const SECRET = `postgresql://quarry:hunter2-${nonce}@db.internal:5432/quarry`;
const MODEL = `region-from-env-${nonce}`;

let emulator: RunningEmulator;
let database: PrivateDatabase;
let gateway: TestGateway;
let tenant: TestTenant;

beforeAll(async () => {
  process.env[SECRET_VARIABLE] = SECRET;
  emulator = await startEmulator({ port: 0 });
  database = await createPrivateDatabase();
  gateway = await startTestGateway({
    configYaml: `model_list:
  - model_name: plain-${nonce}
    litellm_params:
      model: bedrock/${HAIKU}${EMULATOR_CREDENTIALS_YAML}
`,
    awsEndpoint: emulator.endpoint,
    env: { DATABASE_URL: database.url },
  });
  tenant = await createTenant(gateway, { keyModels: [MODEL] });
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
  await database?.drop();
  delete process.env[SECRET_VARIABLE];
});

const newModel = (name: string, region: string) =>
  gateway.request('/model/new', {
    method: 'POST',
    json: { model_name: name, litellm_params: { model: `bedrock/${HAIKU}`, aws_region_name: region } },
  });

it('refuses a written-out aws_region_name that is no AWS region, naming the field', async () => {
  const response = await newModel(`bad-region-${nonce}`, 'us-east-1.attacker.example');
  expect(response.status).toBe(400);
  expect(((await response.json()) as any).error.param).toBe('litellm_params.aws_region_name');
});

it('never shows a region read from another environment variable to callers of the model', async () => {
  expect((await newModel(MODEL, `os.environ/${SECRET_VARIABLE}`)).status).toBe(200);
  const response = await gateway.request('/v1/chat/completions', {
    method: 'POST',
    key: tenant.key,
    json: { model: MODEL, messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 },
  });
  const seen = JSON.stringify([...response.headers]) + (await response.text());
  expect(seen).not.toContain(`hunter2-${nonce}`);
  const health = await gateway.request(`/health?model=${MODEL}`);
  expect(await health.text()).not.toContain(`hunter2-${nonce}`);
});
