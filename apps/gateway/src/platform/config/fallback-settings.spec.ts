import { ConfigError } from './config-error';
import { parseLiteLLMConfig } from './litellm-config-file';

const MODELS = `model_list:
  - model_name: haiku
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
  - model_name: sonnet
    litellm_params:
      model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0
`;

function problemsOf(text: string): string[] {
  try {
    parseLiteLLMConfig(text, {});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('fallback and timeout settings in config.yaml', () => {
  it('reads every list from router_settings, and router_settings wins over litellm_settings', () => {
    const { settings, warnings } = parseLiteLLMConfig(
      `${MODELS}router_settings:
  fallbacks: [{haiku: [sonnet]}]
  context_window_fallbacks: [{haiku: [sonnet]}]
  default_fallbacks: [sonnet]
  max_fallbacks: 2
  stream_timeout: 1.5
  timeout: 20
litellm_settings:
  fallbacks: [{sonnet: [haiku]}]
  content_policy_fallbacks: [{sonnet: [haiku]}]
`,
      {},
    );
    expect(settings.fallbacks).toEqual({
      fallbacks: { haiku: ['sonnet'] },
      contextWindowFallbacks: { haiku: ['sonnet'] },
      contentPolicyFallbacks: { sonnet: ['haiku'] },
      defaultFallbacks: ['sonnet'],
      maxFallbacks: 2,
    });
    expect(settings.streamTimeoutMs).toBe(1500);
    expect(settings.requestTimeoutMs).toBe(20_000);
    expect(warnings).toEqual([]);
  });

  it('takes LiteLLM’s {"*": [...]} entry as default_fallbacks', () => {
    const { settings } = parseLiteLLMConfig(
      `${MODELS}litellm_settings:\n  fallbacks: [{"*": [haiku]}]\n`,
      {},
    );
    expect(settings.fallbacks.defaultFallbacks).toEqual(['haiku']);
    expect(settings.fallbacks.fallbacks).toEqual({});
  });

  it('warns about a fallback naming a model no deployment serves (it may come from /model/new)', () => {
    const { warnings } = parseLiteLLMConfig(
      `${MODELS}router_settings:\n  fallbacks: [{haiku: [gpt-4o]}]\n  default_fallbacks: [nova]\n`,
      {},
    );
    expect(warnings).toEqual([
      expect.stringContaining('router_settings.fallbacks.0.haiku.0 names "gpt-4o"'),
      expect.stringContaining('router_settings.default_fallbacks.0 names "nova"'),
    ]);
  });

  it('refuses malformed lists and timeouts, naming the field', () => {
    expect(
      problemsOf(`${MODELS}router_settings:
  fallbacks: {haiku: [sonnet]}
  context_window_fallbacks: [{haiku: sonnet}]
  content_policy_fallbacks: [{haiku: [sonnet], sonnet: [haiku]}]
  max_fallbacks: -1
  stream_timeout: 0
`),
    ).toEqual([
      expect.stringContaining('router_settings.fallbacks must be a list of {model_name: [fallback, …]}'),
      expect.stringContaining(
        'router_settings.context_window_fallbacks.0.haiku must be a list of model names',
      ),
      expect.stringContaining(
        'router_settings.content_policy_fallbacks.0 must be a mapping of one model_name',
      ),
      expect.stringContaining('max_fallbacks must be an integer from 0 to 20'),
      expect.stringContaining('router_settings.stream_timeout must be a positive number of seconds'),
    ]);
  });
});
