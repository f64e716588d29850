import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { loadAppConfig } from '../../platform/config/app-config';
import type { Deployment } from '../../tenancy/models/deployment';
import { resolveDeployment } from './resolved-deployment';

const config = loadAppConfig({
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x',
  QUARRY_MASTER_KEY: 'sk-test-master-key',
  QUARRY_AWS_ENDPOINT: 'http://127.0.0.1:4010',
});
const env = { SECRET_VALUE: 'do-not-send', AWS_KEY: 'AKIAEXAMPLE', AWS_SECRET: 'secret' };
const fakeClient = {} as BedrockRuntimeClient;

function deployment(source: 'config' | 'db', litellmParams: Record<string, unknown>): Deployment {
  return { id: 'd1', modelName: 'm', litellmParams, modelInfo: {}, source };
}

const params = {
  model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
  aws_access_key_id: 'os.environ/AWS_KEY',
  aws_secret_access_key: 'os.environ/AWS_SECRET',
  aws_bedrock_runtime_endpoint: 'https://elsewhere.example',
  top_k: 'os.environ/SECRET_VALUE',
};

describe('resolveDeployment', () => {
  it('resolves every os.environ reference and honours the endpoint for config.yaml deployments', () => {
    const prepared = resolveDeployment(deployment('config', params), config, env, () => fakeClient);
    expect(prepared.clientConfig.credentials).toEqual({
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: undefined,
    });
    expect(prepared.clientConfig.endpoint).toBe('https://elsewhere.example');
    // A value read from the environment is how configs give secrets: never a model parameter.
    expect(prepared.providerParams).not.toHaveProperty('top_k');
    expect(JSON.stringify(prepared.providerParams)).not.toContain('do-not-send');
  });

  it('lets API-created deployments read only credentials from the environment, and endpoints only from the allow-list', () => {
    const { aws_bedrock_runtime_endpoint: _endpoint, ...withoutEndpoint } = params;
    const prepared = resolveDeployment(deployment('db', withoutEndpoint), config, env, () => fakeClient);
    expect(prepared.clientConfig.credentials).toMatchObject({ secretAccessKey: 'secret' });
    expect(prepared.clientConfig.endpoint).toBe('http://127.0.0.1:4010');
    expect(() => resolveDeployment(deployment('db', params), config, env, () => fakeClient)).toThrow(
      'host "elsewhere.example" is not allowed',
    );
    const vpcEndpoint = 'https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com';
    const allowed = resolveDeployment(
      deployment('db', { ...params, aws_bedrock_runtime_endpoint: vpcEndpoint }),
      config,
      env,
      () => fakeClient,
    );
    expect(allowed.clientConfig.endpoint).toBe(vpcEndpoint);
    expect(prepared.providerParams).not.toHaveProperty('top_k');
    expect(JSON.stringify(prepared.providerParams)).not.toContain('do-not-send');
  });

  it('keeps gateway settings out of the model parameters and prices cross-region profiles', () => {
    const prepared = resolveDeployment(
      deployment('config', {
        model: 'bedrock/us.anthropic.claude-3-haiku-20240307-v1:0',
        num_retries: 5,
        timeout: 30,
        top_k: 10,
      }),
      config,
      env,
      () => fakeClient,
    );
    expect(prepared.providerParams).toEqual({ top_k: 10 });
    expect(prepared.numRetries).toBe(5);
    expect(prepared.timeoutMs).toBe(30_000);
    expect(prepared.route.kind).toBe('converse');
    expect(prepared.price?.inputPerToken).toBeGreaterThan(0);
    expect(prepared.runtime).toBe(fakeClient);
  });

  it("takes LiteLLM's request_timeout as the deployment's timeout, and keeps every declared setting out of the model parameters", () => {
    const prepared = resolveDeployment(
      deployment('config', {
        model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
        request_timeout: 12,
        s3_secret_access_key: 'os.environ/SECRET_VALUE',
        s3_region_name: 'eu-west-1',
        rpm: 10,
      }),
      config,
      env,
      () => fakeClient,
    );
    expect(prepared.timeoutMs).toBe(12_000);
    expect(prepared.providerParams).toEqual({});
  });

  it('reads modify_params and the text of user_continue_message as switches, never as model parameters', () => {
    const prepared = resolveDeployment(
      deployment('config', {
        ...params,
        modify_params: true,
        drop_params: true,
        user_continue_message: { role: 'user', content: 'Please continue' },
      }),
      config,
      env,
      () => fakeClient,
    );
    expect(prepared).toMatchObject({
      modifyParams: true,
      dropParams: true,
      userContinueMessage: 'Please continue',
    });
    for (const name of ['modify_params', 'drop_params', 'user_continue_message'])
      expect(prepared.providerParams).not.toHaveProperty(name);
  });
});
