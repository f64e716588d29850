// Model deployments: the config.yaml sync, /model/* management, secret masking, /model_group/info and
// the OpenAI model list.
import { newPrismaClient } from '../support/database';
import { asMaster, call, unique } from '../support/management-api';
import { waitUntil } from '../support/polling';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const SECRET = 'wJalrXUtnFEMI-literal-secret-value';
const CONFIG = `
model_list:
  - model_name: cfg-claude
    litellm_params:
      model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
      aws_region_name: us-west-2
      aws_access_key_id: os.environ/CFG_ACCESS_KEY
      aws_secret_access_key: ${SECRET}
    model_info: { supports_function_calling: true, supports_vision: true, max_input_tokens: 200000 }
  - model_name: cfg-embed
    litellm_params: { model: bedrock/amazon.titan-embed-text-v2:0 }
    model_info: { id: fixed-embed-id }
  - model_name: cfg-image
    litellm_params: { model: bedrock/amazon.nova-canvas-v1:0 }
  - model_name: cfg-rerank
    litellm_params: { model: bedrock/cohere.rerank-v3-5:0 }
  - model_name: cfg-agent
    litellm_params: { model: bedrock/agent/AGENT123/ALIAS456 }
  - model_name: cfg-batch
    litellm_params: { model: bedrock/anthropic.claude-3-haiku-20240307-v1:0 }
    model_info: { mode: batch }
`;
const ENV = { CFG_ACCESS_KEY: 'AKIAEXAMPLEEXAMPLE12' };

describe('config.yaml sync into model_deployments (own database)', () => {
  let database: PrivateDatabase;
  beforeAll(async () => {
    database = await createPrivateDatabase();
  });
  afterAll(() => database?.drop());

  const rows = async () => {
    const prisma = newPrismaClient(database.url);
    try {
      return await prisma.modelDeployment.findMany({ orderBy: { modelName: 'asc' } });
    } finally {
      await prisma.$disconnect();
    }
  };

  it('upserts config models with stable ids, masks literal secrets, keeps API models, drops removed config models', async () => {
    const first = await startTestGateway({ configYaml: CONFIG, env: { ...ENV, DATABASE_URL: database.url } });
    let apiModelId: string;
    try {
      apiModelId = (
        await asMaster(first, '/model/new', {
          model_name: 'api-model',
          litellm_params: { model: 'bedrock/amazon.nova-micro-v1:0' },
        })
      ).model_info.id;
    } finally {
      await first.close();
    }
    const afterFirst = await rows();
    const configRows = afterFirst.filter((row) => row.source === 'config');
    expect(configRows.map((row) => row.modelName).sort()).toEqual([
      'cfg-agent',
      'cfg-batch',
      'cfg-claude',
      'cfg-embed',
      'cfg-image',
      'cfg-rerank',
    ]);
    expect(configRows.find((row) => row.modelName === 'cfg-embed')!.id).toBe('fixed-embed-id');
    expect(JSON.stringify(afterFirst)).not.toContain(SECRET);
    expect(configRows.find((row) => row.modelName === 'cfg-claude')!.litellmParams).toMatchObject({
      aws_access_key_id: 'os.environ/CFG_ACCESS_KEY',
      aws_secret_access_key: '********',
    });

    // Same file again: same ids. A smaller file: the missing config model goes, the API model stays.
    const second = await startTestGateway({
      configYaml: CONFIG,
      env: { ...ENV, DATABASE_URL: database.url },
    });
    await second.close();
    expect((await rows()).map((row) => row.id).sort()).toEqual(afterFirst.map((row) => row.id).sort());

    const smaller = CONFIG.slice(0, CONFIG.indexOf('  - model_name: cfg-image'));
    const third = await startTestGateway({
      configYaml: smaller,
      env: { ...ENV, DATABASE_URL: database.url },
    });
    await third.close();
    const afterThird = await rows();
    expect(afterThird.map((row) => row.modelName).sort()).toEqual(['api-model', 'cfg-claude', 'cfg-embed']);
    expect(afterThird.find((row) => row.modelName === 'api-model')!.id).toBe(apiModelId!);
  });
});

// Own database: the API models added here would otherwise show in every other suite's model lists.
describe('model management and listings (own database)', () => {
  let database: PrivateDatabase;
  let gateway: TestGateway;
  const startGateway = () =>
    startTestGateway({ configYaml: CONFIG, env: { ...ENV, DATABASE_URL: database.url } });
  beforeAll(async () => {
    database = await createPrivateDatabase();
    gateway = await startGateway();
  });
  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  const modelInfo = async (key = gateway.masterKey) =>
    (await call(gateway, 'GET', '/model/info', key)).body.data as any[];

  it('/model/info masks credential values and shows os.environ references as references', async () => {
    const result = await call(gateway, 'GET', '/model/info', gateway.masterKey);
    expect(result.text).not.toContain(SECRET);
    expect(result.text).not.toContain(ENV.CFG_ACCESS_KEY);
    const claude = (result.body.data as any[]).find((entry) => entry.model_name === 'cfg-claude');
    expect(claude.litellm_params).toMatchObject({
      model: 'bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0',
      aws_region_name: 'us-west-2',
      aws_access_key_id: 'os.environ/CFG_ACCESS_KEY',
      aws_secret_access_key: '********',
    });
    expect(claude.model_info).toMatchObject({ db_model: false, source: 'config' });
  });

  it('takes model parameters such as max_tokens on API models and shows them unmasked', async () => {
    const name = unique('params');
    const created = await asMaster(gateway, '/model/new', {
      model_name: name,
      litellm_params: {
        model: 'bedrock/amazon.nova-lite-v1:0',
        max_tokens: 512,
        aws_session_token: 'os.environ/TOKEN',
      },
    });
    expect(created.litellm_params).toMatchObject({ max_tokens: 512, aws_session_token: 'os.environ/TOKEN' });
    await asMaster(gateway, '/model/delete', { id: created.model_info.id });
  });

  it('adds, updates and deletes API models; they appear in and leave /v1/models', async () => {
    const name = unique('api');
    const created = await asMaster(gateway, '/model/new', {
      model_name: name,
      litellm_params: {
        model: 'bedrock/amazon.nova-lite-v1:0',
        aws_secret_access_key: 'os.environ/SOME_SECRET',
      },
      model_info: { access_groups: ['beta'] },
    });
    expect(created).toMatchObject({
      model_name: name,
      model_info: { db_model: true, access_groups: ['beta'] },
    });
    const id = created.model_info.id;
    const listed = await call(gateway, 'GET', '/v1/models', gateway.masterKey);
    expect(listed.body.data.map((model: { id: string }) => model.id)).toContain(name);

    const updated = await asMaster(gateway, '/model/update', {
      model_info: { id, mode: 'chat' },
      litellm_params: { aws_region_name: 'eu-west-1' },
    });
    expect(updated.litellm_params).toEqual({
      model: 'bedrock/amazon.nova-lite-v1:0',
      aws_secret_access_key: 'os.environ/SOME_SECRET',
      aws_region_name: 'eu-west-1',
    });
    expect(updated.model_info).toMatchObject({ id, mode: 'chat', access_groups: ['beta'] });

    await asMaster(gateway, '/model/delete', { id });
    const after = await call(gateway, 'GET', '/v1/models', gateway.masterKey);
    expect(after.body.data.map((model: { id: string }) => model.id)).not.toContain(name);
    expect((await call(gateway, 'POST', '/model/delete', gateway.masterKey, { id })).status).toBe(404);
  });

  it.each([
    [
      {
        model_name: 'x',
        litellm_params: { model: 'bedrock/a', aws_secret_access_key: 'plain-secret-value' },
      },
      'litellm_params.aws_secret_access_key',
    ],
    [{ model_name: 'x', litellm_params: { model: 'openai/gpt-4' } }, 'litellm_params.model'],
    [{ litellm_params: { model: 'bedrock/a' } }, 'model_name'],
    [{ model_name: 'x', litellm_params: { model: 'bedrock/a' }, api_base: 'http://evil' }, 'api_base'],
    [
      { model_name: 'x', litellm_params: { model: 'bedrock/a' }, model_info: { mode: 'telepathy' } },
      'model_info.mode',
    ],
  ])('/model/new refuses %j with 400 naming %s', async (body, param) => {
    const result = await call(gateway, 'POST', '/model/new', gateway.masterKey, body);
    expect(result.status).toBe(400);
    expect(result.body.error.param).toBe(param);
    expect(result.text).not.toContain('plain-secret-value');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['/model/update', { litellm_params: { aws_region_name: 'eu-west-1' } }, 'model_info.id'],
    ['/model/update', { model_id: 'some-id', litellm_params: 'not a mapping' }, 'litellm_params'],
    ['/model/update', { model_id: 'some-id', api_base: 'http://evil' }, 'api_base'],
    ['/model/delete', {}, 'id'],
    ['/model/delete', { id: 'some-id', force: true }, 'force'],
  ])('%s refuses %j with 400 naming %s, like every management body', async (path, body, param) => {
    const result = await call(gateway, 'POST', path, gateway.masterKey, body);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ type: 'invalid_request_error', param });
  });

  it.each<[string, Record<string, unknown>]>([
    ['litellm_params.modify_params', { modify_params: 'yes' }],
    ['litellm_params.drop_params', { drop_params: 1 }],
    ['litellm_params.user_continue_message', { user_continue_message: 'Please continue' }],
    ['litellm_params.user_continue_message', { user_continue_message: { role: 'system', content: 'x' } }],
    ['litellm_params.extra_headers.connection', { extra_headers: { connection: 'close' } }],
    ['litellm_params.extra_headers', { extra_headers: ['x-a'] }],
  ])('/model/new and /model/update refuse a malformed %s with 400 naming it', async (param, params) => {
    const created = await call(gateway, 'POST', '/model/new', gateway.masterKey, {
      model_name: unique('switch'),
      litellm_params: { model: 'bedrock/amazon.nova-lite-v1:0', ...params },
    });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({ type: 'invalid_request_error', param });

    const id = (
      await asMaster(gateway, '/model/new', {
        model_name: unique('switch'),
        litellm_params: { model: 'bedrock/amazon.nova-lite-v1:0' },
      })
    ).model_info.id;
    const updated = await call(gateway, 'POST', '/model/update', gateway.masterKey, {
      model_info: { id },
      litellm_params: params,
    });
    expect(updated.status).toBe(400);
    expect(updated.body.error).toMatchObject({ type: 'invalid_request_error', param });
  });

  it('/model/new stores well-formed switches and a user_continue_message', async () => {
    const name = unique('switch');
    const switches = {
      modify_params: true,
      drop_params: true,
      user_continue_message: { role: 'user', content: 'Please continue' },
    };
    await asMaster(gateway, '/model/new', {
      model_name: name,
      litellm_params: { model: 'bedrock/amazon.nova-lite-v1:0', ...switches },
    });
    const stored = (await modelInfo()).find((entry) => entry.model_name === name);
    expect(stored.litellm_params).toMatchObject(switches);
  });

  // API models must not send requests (with the gateway's AWS credentials) outside the endpoint
  // allow-list, nor read the gateway's environment (QUARRY_MASTER_KEY, DATABASE_URL…).
  it.each([
    ['aws_bedrock_runtime_endpoint', 'http://attacker.example'],
    ['aws_bedrock_agent_runtime_endpoint', 'https://attacker.example'],
    ['aws_bedrock_endpoint', 'http://169.254.169.254'],
    ['aws_s3_endpoint', 'os.environ/QUARRY_AWS_ENDPOINT'],
  ])(
    '/model/new and /model/update refuse the endpoint param %s outside the allow-list',
    async (param, value) => {
      const created = await call(gateway, 'POST', '/model/new', gateway.masterKey, {
        model_name: unique('endpoint'),
        litellm_params: { model: 'bedrock/amazon.nova-lite-v1:0', [param]: value },
      });
      expect(created.status).toBe(400);
      expect(created.body.error.param).toBe(`litellm_params.${param}`);
      expect(created.body.error.message).toMatch(/is not allowed|not used by Quarry|os\.environ\//);

      const id = (
        await asMaster(gateway, '/model/new', {
          model_name: unique('endpoint'),
          litellm_params: { model: 'bedrock/amazon.nova-lite-v1:0' },
        })
      ).model_info.id;
      const updated = await call(gateway, 'POST', '/model/update', gateway.masterKey, {
        model_info: { id },
        litellm_params: { [param]: value },
      });
      expect(updated.status).toBe(400);
      expect(updated.body.error.param).toBe(`litellm_params.${param}`);
      const stored = (await modelInfo()).find((entry) => entry.model_info.id === id);
      expect(stored.litellm_params).not.toHaveProperty(param);
    },
  );

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['litellm_params.s3_bucket_name', { s3_bucket_name: 'os.environ/QUARRY_MASTER_KEY' }, {}],
    ['litellm_params.aws_batch_role_arn', { aws_batch_role_arn: 'os.environ/DATABASE_URL' }, {}],
    ['litellm_params.top_k', { top_k: 'os.environ/QUARRY_MASTER_KEY' }, {}],
    ['litellm_params.extra.nested.0', { extra: { nested: ['os.environ/DATABASE_URL'] } }, {}],
    ['model_info.base_model', {}, { base_model: 'os.environ/QUARRY_MASTER_KEY' }],
  ])(
    '/model/new and /model/update refuse an os.environ/ reference in %s (not a credential param)',
    async (param, params, info) => {
      const created = await call(gateway, 'POST', '/model/new', gateway.masterKey, {
        model_name: unique('env'),
        litellm_params: { model: 'bedrock/amazon.nova-lite-v1:0', ...params },
        model_info: info,
      });
      expect(created.status).toBe(400);
      expect(created.body.error.param).toBe(param);
      expect(created.body.error.message).toContain('os.environ/');

      const id = (
        await asMaster(gateway, '/model/new', {
          model_name: unique('env'),
          litellm_params: { model: 'bedrock/amazon.nova-lite-v1:0' },
        })
      ).model_info.id;
      const updated = await call(gateway, 'POST', '/model/update', gateway.masterKey, {
        litellm_params: params,
        model_info: { ...info, id },
      });
      expect(updated.status).toBe(400);
      expect(updated.body.error.param).toBe(param);
    },
  );

  it('/model/new accepts os.environ/ references in the credential params and the region', async () => {
    const created = await asMaster(gateway, '/model/new', {
      model_name: unique('creds'),
      litellm_params: {
        model: 'bedrock/amazon.nova-lite-v1:0',
        aws_access_key_id: 'os.environ/TENANT_ACCESS_KEY',
        aws_secret_access_key: 'os.environ/TENANT_SECRET_KEY',
        aws_session_token: 'os.environ/TENANT_SESSION_TOKEN',
        aws_bedrock_api_key: 'os.environ/TENANT_BEDROCK_API_KEY',
        aws_region_name: 'os.environ/TENANT_REGION',
      },
    });
    expect(created.litellm_params).toMatchObject({
      aws_access_key_id: 'os.environ/TENANT_ACCESS_KEY',
      aws_region_name: 'os.environ/TENANT_REGION',
    });
  });

  it('refuses to change or delete config.yaml models through the API, explaining why', async () => {
    for (const [path, body] of [
      ['/model/update', { model_info: { id: 'fixed-embed-id', mode: 'chat' } }],
      ['/model/delete', { id: 'fixed-embed-id' }],
    ] as const) {
      const result = await call(gateway, 'POST', path, gateway.masterKey, body);
      expect(result.status).toBe(400);
      expect(result.body.error.message).toContain('config');
    }
  });

  it('/model_group/info lists each public model with its mode and what it supports', async () => {
    const result = await call(gateway, 'GET', '/model_group/info', gateway.masterKey);
    const groups = Object.fromEntries((result.body.data as any[]).map((group) => [group.model_group, group]));
    expect(groups['cfg-claude']).toMatchObject({
      mode: 'chat',
      providers: ['bedrock'],
      supports_function_calling: true,
      supports_vision: true,
      supports_reasoning: false,
      max_input_tokens: 200000,
      supported_endpoints: ['/v1/chat/completions'],
    });
    expect(groups['cfg-embed'].mode).toBe('embedding');
    expect(groups['cfg-image'].mode).toBe('image_generation');
    expect(groups['cfg-rerank'].mode).toBe('rerank');
    expect(groups['cfg-agent'].mode).toBe('agent');
    expect(groups['cfg-batch'].mode).toBe('batch');
  });

  it('serves the OpenAI list shape on /v1/models and /models', async () => {
    const v1 = await call(gateway, 'GET', '/v1/models', gateway.masterKey);
    const plain = await call(gateway, 'GET', '/models', gateway.masterKey);
    expect(v1.body.object).toBe('list');
    expect(v1.body.data[0]).toEqual({
      id: expect.any(String),
      object: 'model',
      created: expect.any(Number),
      owned_by: 'bedrock',
    });
    expect(plain.body).toEqual(v1.body);
    expect(v1.body.data.map((model: { id: string }) => model.id)).toEqual(
      expect.arrayContaining([
        'cfg-claude',
        'cfg-embed',
        'cfg-image',
        'cfg-rerank',
        'cfg-agent',
        'cfg-batch',
      ]),
    );
  });

  it('a model added through one instance is served by another', async () => {
    const other = await startGateway();
    try {
      const name = unique('shared');
      await asMaster(gateway, '/model/new', {
        model_name: name,
        litellm_params: { model: 'bedrock/amazon.nova-pro-v1:0' },
      });
      await waitUntil('the new model on the instance that added it', async () =>
        (await modelInfo()).some((entry) => entry.model_name === name),
      );
      await waitUntil('the new model on the other instance', async () =>
        ((await call(other, 'GET', '/v1/models', other.masterKey)).body.data as { id: string }[]).some(
          (model) => model.id === name,
        ),
      );
    } finally {
      await other.close();
    }
  });
});
