// config.yaml's `router_settings`: how the deployments sharing one model_name are chosen (LiteLLM's
// names). Read once at start-up into a typed RouterSettings; an unknown strategy or a bad argument stops
// start-up naming the line. Settings of router_settings that other parts of the gateway read are parsed
// next to this, each in its own file, and add their fields to the section's known names.
import { COOLDOWN_ROUTER_SETTINGS } from './cooldown-settings';
import { FALLBACK_SETTING_KEYS } from './fallback-settings';
import { isObject } from './is-object';
import { TIMEOUT_SETTING_KEYS } from './timeout-settings';

export const ROUTING_STRATEGIES = [
  'simple-shuffle',
  'least-busy',
  'latency-based-routing',
  'usage-based-routing',
] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

/** LiteLLM's v2 of usage-based routing differs only in where it keeps its counters: the same here. */
const STRATEGY_ALIASES: Readonly<Record<string, RoutingStrategy>> = {
  'usage-based-routing-v2': 'usage-based-routing',
};

export interface LatencyRoutingArgs {
  /** How long a measured latency counts toward a deployment's average (LiteLLM's `ttl`, seconds). */
  ttlMs: number;
  /** Deployments within this fraction of the fastest are chosen among at random (0.5: within 50%). */
  lowestLatencyBuffer: number;
}

export interface RouterSettings {
  routingStrategy: RoutingStrategy;
  latency: LatencyRoutingArgs;
}

export const DEFAULT_ROUTER_SETTINGS: RouterSettings = {
  routingStrategy: 'simple-shuffle',
  // LiteLLM's defaults: an hour of history, no buffer (always the fastest).
  latency: { ttlMs: 3_600_000, lowestLatencyBuffer: 0 },
};

/** Every router_settings key Quarry reads (others are a start-up warning): add a setting's name here. */
const ROUTER_SETTING_NAMES = new Set<string>([
  'routing_strategy',
  'routing_strategy_args',
  ...COOLDOWN_ROUTER_SETTINGS,
  ...FALLBACK_SETTING_KEYS,
  ...TIMEOUT_SETTING_KEYS,
  'timeout',
  'request_timeout',
]);

type Path = (string | number)[];

const LATENCY_ARGS = ['ttl', 'lowest_latency_buffer'];

/**
 * config.yaml's router_settings (absent: the defaults). Problems and warnings are pushed with their
 * line, so one start-up names all of them.
 */
export function readRouterSettings(
  section: unknown,
  at: (path: Path) => string,
  problems: string[],
  warnings: string[],
): RouterSettings {
  if (section === undefined || section === null) return DEFAULT_ROUTER_SETTINGS;
  if (!isObject(section)) {
    problems.push(`${at(['router_settings'])}: router_settings must be a mapping`);
    return DEFAULT_ROUTER_SETTINGS;
  }
  for (const key of Object.keys(section))
    if (!ROUTER_SETTING_NAMES.has(key))
      warnings.push(
        `${at(['router_settings', key])}: router_settings.${key} is not supported by Quarry and is ignored`,
      );
  return parseRouterSettings(section, at, problems, warnings);
}

/** The strategy and its arguments; arguments Quarry does not read are warnings (LiteLLM has more). */
function parseRouterSettings(
  section: Record<string, unknown>,
  at: (path: Path) => string,
  problems: string[],
  warnings: string[],
): RouterSettings {
  const settings: RouterSettings = {
    ...DEFAULT_ROUTER_SETTINGS,
    latency: { ...DEFAULT_ROUTER_SETTINGS.latency },
  };
  const strategy = section.routing_strategy;
  if (strategy !== undefined) {
    const known =
      typeof strategy === 'string'
        ? (STRATEGY_ALIASES[strategy] ?? ROUTING_STRATEGIES.find((name) => name === strategy))
        : undefined;
    if (known) settings.routingStrategy = known;
    else
      problems.push(
        `${at(['router_settings', 'routing_strategy'])}: router_settings.routing_strategy must be one of ${[...ROUTING_STRATEGIES, ...Object.keys(STRATEGY_ALIASES)].join(', ')} (got ${JSON.stringify(strategy)})`,
      );
  }

  const args = section.routing_strategy_args;
  if (args === undefined) return settings;
  const argsPath = ['router_settings', 'routing_strategy_args'];
  if (!isObject(args)) {
    problems.push(`${at(argsPath)}: router_settings.routing_strategy_args must be a mapping`);
    return settings;
  }
  const number = (name: string, allowZero: boolean): number | undefined => {
    const value = args[name];
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isFinite(value) && (allowZero ? value >= 0 : value > 0))
      return value;
    problems.push(
      `${at([...argsPath, name])}: router_settings.routing_strategy_args.${name} must be a ${allowZero ? 'non-negative' : 'positive'} number`,
    );
    return undefined;
  };
  const ttl = number('ttl', false);
  if (ttl !== undefined) settings.latency.ttlMs = ttl * 1000;
  settings.latency.lowestLatencyBuffer = number('lowest_latency_buffer', true) ?? 0;

  const latency = settings.routingStrategy === 'latency-based-routing';
  for (const name of Object.keys(args)) {
    if (latency && LATENCY_ARGS.includes(name)) continue;
    warnings.push(
      `${at([...argsPath, name])}: router_settings.routing_strategy_args.${name} is ${LATENCY_ARGS.includes(name) ? 'only read by latency-based-routing' : 'not supported by Quarry'} and is ignored`,
    );
  }
  return settings;
}
