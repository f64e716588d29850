// Endpoints for API-created models (issue 12 #12): the proxy admin may set one, on an allow-listed host
// (AWS's domains, plus QUARRY_ALLOWED_ENDPOINT_HOSTS), over https unless the host is an allow-listed
// loopback address; a team admin never may.
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_SECRET_ACCESS_KEY,
  startEmulator,
  type RunningEmulator,
} from '../../apps/bedrock-emulator/src/index';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant } from '../support/tenants';
import { call, unique } from '../support/management-api';
import { createTenancy, type Tenancy } from '../support/tenants';

const suffix = randomBytes(4).toString('hex').toUpperCase();
const KEY_VARIABLE = `QUARRY_TEST_EMULATOR_KEY_${suffix}`;
const SECRET_VARIABLE = `QUARRY_TEST_EMULATOR_SECRET_${suffix}`;

describe('endpoints of API-created models', () => {
  let emulator: RunningEmulator;
  let gateway: TestGateway;
  let tenancy: Tenancy;
  let database: PrivateDatabase;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    // A database of its own: the models this suite creates would show in other suites' lists.
    database = await createPrivateDatabase();
    process.env[KEY_VARIABLE] = DEFAULT_ACCESS_KEY_ID;
    process.env[SECRET_VARIABLE] = DEFAULT_SECRET_ACCESS_KEY;
    // No QUARRY_AWS_ENDPOINT: only the model's own endpoint can reach the emulator.
    gateway = await startTestGateway({
      env: { QUARRY_ALLOWED_ENDPOINT_HOSTS: '127.0.0.1', DATABASE_URL: database.url },
    });
    tenancy = await createTenancy(gateway);
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    await emulator?.close();
    await database?.drop();
    delete process.env[KEY_VARIABLE];
    delete process.env[SECRET_VARIABLE];
  });

  const newModel = (key: string, endpoint: string, modelName = unique('endpoint-model')) =>
    call(gateway, 'POST', '/model/new', key, {
      model_name: modelName,
      litellm_params: {
        model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
        aws_access_key_id: `os.environ/${KEY_VARIABLE}`,
        aws_secret_access_key: `os.environ/${SECRET_VARIABLE}`,
        aws_region_name: 'us-east-1',
        aws_bedrock_runtime_endpoint: endpoint,
      },
    });

  it('lets the proxy admin register a model on an allow-listed loopback endpoint, and calls go there', async () => {
    const modelName = unique('emulated');
    const created = await newModel(tenancy.keys.proxyAdmin, emulator.endpoint, modelName);
    expect(created.status).toBe(200);
    const tenant = await createTenant(gateway, { keyModels: [modelName] });
    const answer = await gateway.request('/v1/chat/completions', {
      method: 'POST',
      key: tenant.key,
      json: { model: modelName, messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as any).choices[0].message.role).toBe('assistant');
  });

  it.each([
    'https://bedrock-runtime.us-east-1.amazonaws.com',
    'https://vpce-0a1b2c3d-abcdefgh.bedrock-runtime.us-east-1.vpce.amazonaws.com',
    'https://bedrock-runtime.cn-north-1.amazonaws.com.cn',
    'https://bedrock-runtime.us-east-1.api.aws',
  ])('lets the proxy admin (and the master key) set the AWS endpoint %s', async (endpoint) => {
    expect((await newModel(tenancy.keys.proxyAdmin, endpoint)).status).toBe(200);
    expect((await newModel(gateway.masterKey, endpoint)).status).toBe(200);
  });

  it.each([
    ['https://attacker.example', 'is not allowed'],
    ['http://bedrock-runtime.us-east-1.amazonaws.com', 'must use https'],
    ['https://169.254.169.254', 'is not allowed'],
    ['http://localhost:4010', 'is not allowed'],
    ['https://bedrock-runtime.us-east-1.amazonaws.com.attacker.example', 'is not allowed'],
  ])('refuses the endpoint %s with a 400 naming the field', async (endpoint, problem) => {
    const result = await newModel(tenancy.keys.proxyAdmin, endpoint);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({
      param: 'litellm_params.aws_bedrock_runtime_endpoint',
      code: 'endpoint_not_allowed',
    });
    expect(result.body.error.message).toContain(problem);
  });

  it('never lets a team admin set an endpoint (nor add a model at all)', async () => {
    const result = await newModel(tenancy.keys.teamAdmin, 'https://bedrock-runtime.us-east-1.amazonaws.com');
    expect(result.status).toBe(403);
  });

  it('checks endpoints set by /model/update too', async () => {
    const created = await newModel(
      tenancy.keys.proxyAdmin,
      'https://bedrock-runtime.us-east-1.amazonaws.com',
    );
    const updated = await call(gateway, 'POST', '/model/update', tenancy.keys.proxyAdmin, {
      model_info: { id: created.body.model_info.id },
      litellm_params: { aws_bedrock_runtime_endpoint: 'https://attacker.example' },
    });
    expect(updated.status).toBe(400);
    expect(updated.body.error.code).toBe('endpoint_not_allowed');
  });
});
