import { ConfigError } from './config-error';
import { parseLiteLLMConfig } from './litellm-config-file';
import { DEFAULT_ROUTER_SETTINGS } from './router-settings';

const MODELS = `model_list:
  - model_name: haiku
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
`;

function parse(routerSettings: string) {
  return parseLiteLLMConfig(`${MODELS}router_settings:\n${routerSettings}`, {});
}

function problemsOf(routerSettings: string): string[] {
  try {
    parse(routerSettings);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the config to be refused');
}

describe('router_settings', () => {
  it('defaults to simple-shuffle when the section is absent', () => {
    expect(parseLiteLLMConfig(MODELS, {}).router).toEqual(DEFAULT_ROUTER_SETTINGS);
    expect(DEFAULT_ROUTER_SETTINGS.routingStrategy).toBe('simple-shuffle');
  });

  it.each([
    ['simple-shuffle', 'simple-shuffle'],
    ['least-busy', 'least-busy'],
    ['latency-based-routing', 'latency-based-routing'],
    ['usage-based-routing', 'usage-based-routing'],
    ['usage-based-routing-v2', 'usage-based-routing'],
  ])('reads routing_strategy %s', (written, strategy) => {
    const config = parse(`  routing_strategy: ${written}\n`);
    expect(config.router.routingStrategy).toBe(strategy);
    expect(config.warnings).toEqual([]);
  });

  it('refuses an unknown strategy at start-up, naming its line and the known ones', () => {
    const problems = problemsOf('  routing_strategy: cost-based-routing\n');
    expect(problems).toEqual([
      expect.stringMatching(
        /^config\.yaml:6 \(router_settings\.routing_strategy\): .*must be one of simple-shuffle, least-busy, .*"cost-based-routing"/,
      ),
    ]);
  });

  it("reads latency routing's ttl (seconds) and lowest_latency_buffer", () => {
    const config = parse(
      '  routing_strategy: latency-based-routing\n  routing_strategy_args:\n    ttl: 60\n    lowest_latency_buffer: 0.5\n',
    );
    expect(config.router.latency).toEqual({ ttlMs: 60_000, lowestLatencyBuffer: 0.5 });
    expect(config.warnings).toEqual([]);
  });

  it('refuses bad strategy arguments, naming each', () => {
    const problems = problemsOf(
      '  routing_strategy: latency-based-routing\n  routing_strategy_args:\n    ttl: 0\n    lowest_latency_buffer: fast\n',
    ).join('\n');
    expect(problems).toContain('config.yaml:8 (router_settings.routing_strategy_args.ttl)');
    expect(problems).toContain('routing_strategy_args.lowest_latency_buffer must be a non-negative number');
  });

  it('warns about arguments the chosen strategy does not read and settings Quarry does not support', () => {
    const { warnings } = parse(
      '  routing_strategy: least-busy\n  routing_strategy_args:\n    ttl: 60\n  enable_tag_filtering: true\n',
    );
    expect(warnings).toEqual([
      expect.stringContaining('router_settings.enable_tag_filtering is not supported by Quarry'),
      expect.stringContaining('routing_strategy_args.ttl is only read by latency-based-routing'),
    ]);
  });

  it('refuses a router_settings that is not a mapping', () => {
    expect(() => parseLiteLLMConfig(`${MODELS}router_settings: least-busy\n`, {})).toThrow(
      /router_settings must be a mapping/,
    );
  });
});
