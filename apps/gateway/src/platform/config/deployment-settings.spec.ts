import { ConfigError } from './config-error';
import {
  DEPLOYMENT_SETTINGS,
  GATEWAY_PARAMS,
  SECRET_PARAMS,
  deploymentTimeoutSeconds,
} from './deployment-settings';
import { parseLiteLLMConfig } from './litellm-config-file';

const configWith = (params: string) => `
model_list:
  - model_name: claude
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
${params}
`;

describe('the declaration of deployment settings', () => {
  it('names every gateway setting issues 12 and 17–19 name, secrets marked', () => {
    for (const name of [
      's3_bucket_name',
      's3_output_bucket_name',
      's3_region_name',
      's3_access_key_id',
      's3_secret_access_key',
      's3_encryption_key_id',
      'aws_batch_role_arn',
      'aws_s3_endpoint',
      'aws_role_name',
      'aws_session_name',
      'aws_profile_name',
      'aws_web_identity_token',
      'aws_sts_endpoint',
      'aws_external_id',
      'api_key',
      'extra_headers',
      'rpm',
      'tpm',
      'weight',
      'order',
      'stream_timeout',
      'request_timeout',
    ])
      expect(GATEWAY_PARAMS).toContain(name);
    for (const name of ['s3_access_key_id', 's3_secret_access_key', 'aws_secret_access_key', 'api_key'])
      expect(SECRET_PARAMS).toContain(name);
  });

  it('marks as secret every setting whose name looks like a credential', () => {
    for (const [name, setting] of Object.entries(DEPLOYMENT_SETTINGS))
      if (/secret|password|credential|api_key|access_key|session_token|identity_token|external_id/.test(name))
        expect({ name, secret: setting.secret }).toEqual({ name, secret: true });
  });

  it("reads LiteLLM's request_timeout like timeout (timeout wins when both are set)", () => {
    expect(deploymentTimeoutSeconds({ request_timeout: 7 })).toBe(7);
    expect(deploymentTimeoutSeconds({ timeout: 3, request_timeout: 7 })).toBe(3);
    expect(deploymentTimeoutSeconds({})).toBeUndefined();
  });
});

describe('config.yaml deployment settings', () => {
  it('warns at start-up about each setting the gateway does not use, naming it', () => {
    const { warnings, models } = parseLiteLLMConfig(
      configWith(
        '      rpm: 10\n      stream_timeout: 5\n      max_retries: 2\n      weight: 2\n      s3_bucket_name: files\n      top_k: 5',
      ),
      {},
    );
    expect(models).toHaveLength(1);
    expect(warnings).toEqual([
      expect.stringContaining('model_list.0.litellm_params.max_retries is not used by Quarry'),
    ]);
    // Batch and routing settings are used (docs/batches.md, docs/routing.md): no warning.
    expect(warnings.join('\n')).not.toContain('s3_bucket_name');
    expect(warnings.join('\n')).not.toContain('weight');
  });

  it('reads weight and order for the router, refusing a weight ≤ 0 and an order that is not 1, 2, …', () => {
    expect(parseLiteLLMConfig(configWith('      weight: 0.5\n      order: 2'), {}).warnings).toEqual([]);
    expect(() => parseLiteLLMConfig(configWith('      weight: 0'), {})).toThrow(
      /litellm_params\.weight must be a positive number/,
    );
    expect(() => parseLiteLLMConfig(configWith('      order: 1.5'), {})).toThrow(
      /litellm_params\.order must be a positive integer/,
    );
    expect(() => parseLiteLLMConfig(configWith('      order: 0'), {})).toThrow(
      /order must be a positive integer/,
    );
  });

  it('accepts request_timeout without a warning and checks it is a number', () => {
    expect(parseLiteLLMConfig(configWith('      request_timeout: 12'), {}).warnings).toEqual([]);
    expect(() => parseLiteLLMConfig(configWith('      request_timeout: soon'), {})).toThrow(ConfigError);
  });

  it('refuses credential settings that would be ignored, rather than calling AWS as another identity', () => {
    expect(() => parseLiteLLMConfig(configWith('      aws_session_name: sess'), {})).toThrow(
      /aws_session_name is used only with aws_role_name/,
    );
    expect(() => parseLiteLLMConfig(configWith('      aws_web_identity_token: os.environ/T'), {})).toThrow(
      /aws_web_identity_token needs aws_role_name/,
    );
    expect(() =>
      parseLiteLLMConfig(configWith('      aws_role_name: role-x\n      aws_profile_name: dev'), {}),
    ).toThrow(/cannot be combined[\s\S]*aws_role_name must be a role ARN/);
    expect(() =>
      parseLiteLLMConfig(
        configWith('      aws_role_name: arn:aws:iam::123456789012:role/r\n      aws_external_id: x'),
        {},
      ),
    ).not.toThrow();
  });
});
