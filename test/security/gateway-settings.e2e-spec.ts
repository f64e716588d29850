// Gateway settings never reach Bedrock (issue 12 #11), and settings the gateway does not use are never
// silent (#9): a start-up warning from config.yaml, a 400 from /model/new. The property is checked over
// the one declaration of deployment settings: every setting, each with a marker value, through the real
// path (config.yaml → resolution → translation → the SDK's serializer → the wire), and never in the body.
import pino from 'pino';
import {
  DEPLOYMENT_SETTINGS,
  type DeploymentSetting,
} from '../../apps/gateway/src/platform/config/deployment-settings';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { parseChatCompletionRequest } from '@quarry/openai';
import { loadAppConfig } from '../../apps/gateway/src/platform/config/app-config';
import { resolveDeployment } from '../../apps/gateway/src/invocation/deployments/resolved-deployment';
import { translateChat } from '../../apps/gateway/src/surfaces/chat/chat-translation';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant, type TestTenant } from '../support/tenants';
import { startCapturingBedrock, type CapturingBedrock } from './support/capturing-bedrock';

/** Settings that say where and as which model the call goes: they shape the URL, not the body. */
const ADDRESSING = new Set(['model', 'model_id', 'aws_region_name', 'aws_bedrock_runtime_endpoint']);
const MARK = 'MARK7q';
const UNDECLARED_SECRETS = ['vertex_credentials', 'azure_ad_token', 'aws_secret_acess_key', 'custom_setting'];

const settings = Object.entries(DEPLOYMENT_SETTINGS) as [string, DeploymentSetting][];
/** Settings that say which AWS identity signs: they shape the signature (test/credentials covers them). */
const CREDENTIAL_SOURCES = new Set([
  'aws_profile_name',
  'aws_role_name',
  'aws_session_name',
  'aws_web_identity_token',
  'aws_external_id',
  'aws_sts_endpoint',
]);
const checkable = settings.filter(([name]) => !CREDENTIAL_SOURCES.has(name) && !ADDRESSING.has(name));

/** A value for `name` that cannot occur in a Bedrock body by chance; secrets come from the environment. */
function markerLine(name: string, setting: DeploymentSetting, index: number, env: Record<string, string>) {
  if (setting.value === 'boolean') return `      ${name}: true`;
  // `order` is a priority tier, so a whole number; the others carry a fraction no body has by chance.
  if (setting.value === 'number') return `      ${name}: ${98765 + index}${name === 'order' ? '' : '.4321'}`;
  if (setting.endpoint) return `      ${name}: https://${MARK}-${name.replace(/_/g, '-')}.example`;
  if (setting.value === 'message') return `      ${name}: { role: user, content: ${MARK}-${name} }`;
  if (setting.value === 'any' || setting.value === 'headers')
    return `      ${name}: { x-mark: ${MARK}-${name} }`;
  if (!setting.secret) return `      ${name}: ${MARK}-${name}`;
  const variable = `QUARRY_TEST_${name.toUpperCase()}`;
  env[variable] = `${MARK}-${name}-resolved`;
  return `      ${name}: os.environ/${variable}`;
}

describe('gateway settings and Bedrock bodies', () => {
  let bedrock: CapturingBedrock;
  let gateway: TestGateway;
  let database: PrivateDatabase;
  let tenant: TestTenant;
  const logLines: string[] = [];
  const env: Record<string, string> = {};

  beforeAll(async () => {
    bedrock = await startCapturingBedrock();
    const lines = checkable.map(([name, setting], index) => markerLine(name, setting, index, env));
    // Not in the declaration, but no model parameter either: other providers' credentials, a typo of
    // AWS's, and any value read from the environment (resolved, it would be a secret in the body).
    env.QUARRY_TEST_UNDECLARED = `${MARK}-undeclared-resolved`;
    lines.push(
      `      ${UNDECLARED_SECRETS[0]}: ${MARK}-vertex`,
      `      ${UNDECLARED_SECRETS[1]}: os.environ/QUARRY_TEST_UNDECLARED`,
      `      ${UNDECLARED_SECRETS[2]}: os.environ/QUARRY_TEST_UNDECLARED`,
      `      ${UNDECLARED_SECRETS[3]}: os.environ/QUARRY_TEST_UNDECLARED`,
      '      top_k: 7',
    );
    // Resolution reads process.env (like production), config loading the env given to the gateway.
    Object.assign(process.env, env);
    const configYaml = `model_list:
  - model_name: every-setting
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
      aws_region_name: us-east-1
      aws_bedrock_runtime_endpoint: ${bedrock.endpoint}
${lines.join('\n')}
  - model_name: slow-with-request-timeout
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
      model_id: slow-anthropic.claude-3-haiku-20240307-v1:0
      aws_access_key_id: AKIAQUARRYEMULATOR01
      aws_secret_access_key: not-a-real-secret
      aws_bedrock_runtime_endpoint: ${bedrock.endpoint}
      request_timeout: 0.5
      num_retries: 0
  - model_name: batch-only
    litellm_params:
      model: bedrock/us.anthropic.claude-3-5-sonnet-20240620-v1:0
      aws_bedrock_runtime_endpoint: ${bedrock.endpoint}
    model_info:
      mode: batch
`;
    // A database of its own: the models this suite creates through /model/new would show in other suites' lists.
    database = await createPrivateDatabase();
    gateway = await startTestGateway({
      configYaml,
      env: { ...env, DATABASE_URL: database.url },
      logger: pino({ level: 'warn' }, { write: (line: string) => logLines.push(line) }),
    });
    tenant = await createTenant(gateway, {
      keyModels: ['every-setting', 'slow-with-request-timeout', 'batch-only'],
    });
  }, 30_000);

  afterAll(async () => {
    await gateway?.close();
    await bedrock?.close();
    await database?.drop();
    for (const name of Object.keys(env)) delete process.env[name];
  });

  const chat = (model: string, extra: Record<string, unknown> = {}) =>
    gateway.request('/v1/chat/completions', {
      method: 'POST',
      key: tenant.key,
      json: { model, messages: [{ role: 'user', content: 'hi' }], ...extra },
    });

  it('sends no declared setting (secrets resolved or not) in any Bedrock body, streaming or not', async () => {
    for (const stream of [false, true]) {
      const before = bedrock.requests.length;
      const response = await chat('every-setting', { stream });
      await response.text();
      const sent = bedrock.requests.slice(before);
      expect(sent.length).toBeGreaterThan(0);
      for (const request of sent) {
        expect(request.body).toContain('"messages"');
        expect(request.body).not.toContain(MARK);
        expect(request.path).not.toContain(MARK);
        expect(request.body).not.toMatch(/987\d\d/);
      }
    }
  });

  it('forwards model parameters (top_k) but never an undeclared credential or environment value', async () => {
    const before = bedrock.requests.length;
    expect((await chat('every-setting')).status).toBe(200);
    const [request] = bedrock.requests.slice(before);
    expect(JSON.parse(request.body).additionalModelRequestFields).toEqual({ top_k: 7 });
    expect(request.body).not.toContain('undeclared-resolved');
  });

  it('answers a chat call to a batch-mode model with a 400 naming the endpoints, not a 500', async () => {
    const response = await chat('batch-only');
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error).toMatchObject({ param: 'model', code: 'wrong_endpoint' });
  });

  it('translates no setting of the declaration, refused ones included, into the Converse input', async () => {
    const params: Record<string, unknown> = { model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0' };
    for (const [name, setting] of settings)
      if (!ADDRESSING.has(name))
        params[name] =
          setting.value === 'number'
            ? 98765.4321
            : setting.value === 'boolean'
              ? true
              : setting.value === 'message'
                ? { role: 'user', content: `${MARK}-${name}` }
                : setting.value === 'any' || setting.value === 'headers'
                  ? { 'x-mark': `${MARK}-${name}` }
                  : `${MARK}-${name}`;
    const config = loadAppConfig({
      DATABASE_URL: 'postgresql://x@127.0.0.1/x',
      QUARRY_MASTER_KEY: 'sk-test-key-1',
    });
    for (const source of ['config', 'db'] as const) {
      const resolved = resolveDeployment(
        { id: 'd', modelName: 'm', litellmParams: params, modelInfo: {}, source },
        config,
        {},
        () => ({}) as BedrockRuntimeClient,
      );
      const request = parseChatCompletionRequest({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
      const noFetch = () => {
        throw new Error('no fetch');
      };
      const { input } = await translateChat(
        request,
        resolved,
        { modifyParams: false },
        { fetchImage: noFetch, fetchFiles: noFetch },
      );
      expect(JSON.stringify(input)).not.toContain(MARK);
      expect(JSON.stringify(input)).not.toContain('98765');
    }
  });

  it('covers every secret-bearing setting of the declaration', () => {
    const secrets = settings.filter(([, setting]) => setting.secret).map(([name]) => name);
    expect(secrets).toEqual(
      expect.arrayContaining([
        's3_access_key_id',
        's3_secret_access_key',
        'aws_secret_access_key',
        'api_key',
      ]),
    );
    const covered = new Set(checkable.map(([name]) => name));
    for (const [name, setting] of settings)
      if (setting.secret && !CREDENTIAL_SOURCES.has(name)) expect(covered).toContain(name);
  });

  it('warns at start-up about each deployment setting the gateway does not use', () => {
    const warnings = logLines.map((line) => JSON.parse(line).msg as string).join('\n');
    for (const [name, setting] of checkable)
      if (setting.use === 'unused')
        expect(warnings).toContain(`model_list.0.litellm_params.${name} is not used by Quarry`);
    for (const name of UNDECLARED_SECRETS)
      expect(warnings).toContain(`model_list.0.litellm_params.${name} is not used by Quarry`);
    expect(warnings).not.toContain('litellm_params.top_k');
    expect(warnings).not.toContain('litellm_params.request_timeout');
  });

  it("honours LiteLLM's request_timeout on a deployment", async () => {
    const started = Date.now();
    const response = await chat('slow-with-request-timeout');
    const body = await response.json();
    expect(Date.now() - started).toBeLessThan(2500);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(body)).toMatch(/time/i);
  });

  it.each([
    ['max_retries', 1],
    ['extra_headers', { 'x-anything': '1' }],
  ])('/model/new answers an unused setting (%s) with a 400 naming it', async (name, value) => {
    const response = await gateway.request('/model/new', {
      method: 'POST',
      json: {
        model_name: `unused-${name}`,
        litellm_params: { model: 'bedrock/amazon.nova-lite-v1:0', [name]: value },
      },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error).toMatchObject({
      param: `litellm_params.${name}`,
      code: expect.stringMatching(/unused_setting|secret_not_allowed|config_only_setting/),
    });
  });

  const newNovaModel = (name: string, params: Record<string, unknown>) =>
    gateway.request('/model/new', {
      method: 'POST',
      json: { model_name: name, litellm_params: { model: 'bedrock/amazon.nova-lite-v1:0', ...params } },
    });

  it('/model/new accepts weight and order for the router, and answers a weight of 0 with a 400 naming it', async () => {
    expect((await newNovaModel('weighted-tier', { weight: 2, order: 2 })).status).toBe(200);
    const refused = await newNovaModel('weighted-tier', { weight: 0 });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).error).toMatchObject({
      param: 'litellm_params.weight',
      message: expect.stringContaining('positive number'),
    });
  });

  it('/model/new accepts request_timeout', async () => {
    expect((await newNovaModel('with-request-timeout', { request_timeout: 20 })).status).toBe(200);
  });
});
