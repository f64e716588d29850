import { ConfigError } from './config-error';
import { NO_FALLBACKS } from './fallback-settings';
import { parseLiteLLMConfig } from './litellm-config-file';

function problemsOf(yamlText: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseLiteLLMConfig(yamlText, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

const GOOD = `
model_list:
  - model_name: claude-haiku
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
      aws_region_name: us-east-1
      aws_access_key_id: os.environ/TEST_AWS_KEY
      aws_secret_access_key: os.environ/TEST_AWS_SECRET
      top_k: 40
    model_info:
      mode: chat
      access_groups: [fast-models]
      input_cost_per_token: 0.0000003
  - model_name: titan-embed
    litellm_params:
      model: bedrock/amazon.titan-embed-text-v2:0
    model_info:
      mode: embedding
general_settings:
  master_key: os.environ/TEST_MASTER
litellm_settings:
  drop_params: true
  num_retries: 3
  request_timeout: 30
router_settings:
  routing_strategy: simple-shuffle
`;

describe('LiteLLM config.yaml', () => {
  const env = {
    TEST_AWS_KEY: 'AKIAEXAMPLEKEY000000',
    TEST_AWS_SECRET: 'secret',
    TEST_MASTER: 'sk-from-env-master',
  };

  it('reads models, the master key and litellm_settings from a good file', () => {
    const config = parseLiteLLMConfig(GOOD, env);
    expect(config.models.map((model) => model.modelName)).toEqual(['claude-haiku', 'titan-embed']);
    expect(config.masterKey).toBe('sk-from-env-master');
    expect(config.settings).toMatchObject({
      dropParams: true,
      modifyParams: false,
      numRetries: 3,
      requestTimeoutMs: 30_000,
      cooldowns: { allowedFails: 3, cooldownTimeMs: 5_000, retryAfterMs: 0, disabled: false },
      fallbacks: NO_FALLBACKS,
    });
    expect(config.settings.streamTimeoutMs).toBeUndefined();
    expect(config.router.routingStrategy).toBe('simple-shuffle');
    expect(config.warnings).toEqual([]);
  });

  it('keeps os.environ references as references, never the secret values', () => {
    const config = parseLiteLLMConfig(GOOD, env);
    expect(config.models[0].litellmParams.aws_secret_access_key).toBe('os.environ/TEST_AWS_SECRET');
    expect(JSON.stringify(config.models)).not.toContain('AKIAEXAMPLEKEY000000');
  });

  it('names the line and field of a bad value', () => {
    const problems = problemsOf(GOOD.replace('mode: embedding', 'mode: embeddings'), env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^config\.yaml:18 \(model_list\.1\.model_info\.mode\): .*must be one of/);
  });

  it('refuses non-Bedrock models, naming the field', () => {
    const problems = problemsOf(GOOD.replace('bedrock/amazon.titan-embed-text-v2:0', 'openai/gpt-4o'), env);
    expect(problems[0]).toContain('model_list.1.litellm_params.model');
    expect(problems[0]).toContain('bedrock/');
  });

  it('fails when an os.environ reference names a variable that is not set', () => {
    const problems = problemsOf(GOOD, { TEST_AWS_KEY: 'x', TEST_MASTER: 'sk-from-env-master' });
    expect(problems).toEqual([expect.stringMatching(/config\.yaml:8 .*TEST_AWS_SECRET, which is not set/)]);
  });

  it('reports YAML syntax errors with their position', () => {
    const problems = problemsOf('model_list:\n  - model_name: [unclosed\n');
    expect(problems[0]).toMatch(/^config\.yaml:\d+:\d+: /);
  });

  it('refuses unknown keys in a model entry and bad settings', () => {
    const text = `model_list:\n  - model_name: x\n    litellm_params: {model: bedrock/amazon.nova-lite-v1:0}\n    model_infos: {}\nlitellm_settings:\n  num_retries: -1\n  drop_params: "yes"\n`;
    const problems = problemsOf(text).join('\n');
    expect(problems).toContain('model_list.0.model_infos');
    expect(problems).toContain('num_retries');
    expect(problems).toContain('drop_params');
  });

  it('names a role that is not a role ARN instead of asking STS for it', () => {
    const problems = problemsOf(
      GOOD.replace('aws_region_name: us-east-1', 'aws_role_name: arn:aws:iam::1:role/x'),
      env,
    );
    expect(problems).toEqual([
      expect.stringContaining('model_list.0.litellm_params.aws_role_name must be a role ARN'),
    ]);
  });
});

describe('retry and cooldown settings in config.yaml', () => {
  it('reads router_settings over litellm_settings, in LiteLLM’s names and units', () => {
    const { settings, warnings } = parseLiteLLMConfig(
      `litellm_settings:
  num_retries: 1
  allowed_fails: 7
router_settings:
  num_retries: 4
  cooldown_time: 1.5
  retry_after: 2
  disable_cooldowns: false
`,
      {},
    );
    expect(settings.numRetries).toBe(4);
    expect(settings.cooldowns).toEqual({
      allowedFails: 7,
      cooldownTimeMs: 1_500,
      retryAfterMs: 2_000,
      disabled: false,
    });
    expect(warnings).toEqual([]);
  });

  it('keeps LiteLLM’s defaults when nothing is said: 3 allowed fails a minute, a 5 s cooldown', () => {
    const { settings } = parseLiteLLMConfig('model_list: []\n', {});
    expect(settings.cooldowns).toEqual({
      allowedFails: 3,
      cooldownTimeMs: 5_000,
      retryAfterMs: 0,
      disabled: false,
    });
    expect(settings.numRetries).toBe(2);
  });

  it('refuses values it cannot honour, naming the field', () => {
    const problems = problemsOf(`router_settings:
  allowed_fails: -1
  cooldown_time: 0
  num_retries: 11
  retry_after: soon
`);
    expect(problems).toEqual([
      expect.stringContaining('router_settings.allowed_fails must be a whole number from 0'),
      expect.stringContaining('router_settings.cooldown_time must be a positive number of seconds'),
      expect.stringContaining('router_settings.num_retries must be a whole number from 0 to 10'),
      expect.stringContaining('router_settings.retry_after must be a number of seconds from 0'),
    ]);
  });
});
