import { ConfigError } from './config-error';
import { parseLiteLLMConfig } from './litellm-config-file';

function problemsOf(yamlText: string): string[] {
  try {
    parseLiteLLMConfig(yamlText, {});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

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
