// Command-line flags (and BENCH_* environment variables) for `npm run bench`. Flags win over the environment.
import { parseArgs } from 'node:util';
import { REQUEST_KINDS } from './chat-requests.mjs';

export const TARGET_NAMES = ['direct', 'quarry', 'portkey', 'passthrough'];
/**
 * Opt-in: another build of Quarry (BENCH_BASELINE_ROOT, a checkout with dist/ built) for same-run A/B;
 * and Quarry with the limits step doing work (bench/README.md, "The limits step"): `quarry-limits` (a key
 * with rpm_limit, tpm_limit and max_parallel_requests, counters in Redis at BENCH_REDIS_URL) and
 * `quarry-budget` (a key with max_budget: spend read live from Postgres on every call).
 */
export const OPTIONAL_TARGETS = ['baseline', 'quarry-limits', 'quarry-budget'];

export const USAGE = `usage: npm run bench -- [options]
  --quick                 a few-seconds smoke run (1 latency, small connection counts, tiny durations)
  --duration <s>          seconds per measured run                        (BENCH_DURATION, default 5)
  --warmup <s>            unmeasured seconds per target and request kind  (BENCH_WARMUP, default 1)
  --latencies <ms,…>      emulator latencies, one emulator each          (BENCH_LATENCIES, default 0,50)
  --connections <n,…>     concurrent connections per run                 (BENCH_CONNECTIONS, default 1,10,64)
  --rounds <n>            repetitions of every run, alternating targets  (BENCH_ROUNDS, default 2)
  --requests <kind,…>     ${REQUEST_KINDS.join(', ')}  (BENCH_REQUESTS, default small,large,small-stream)
  --targets <name,…>      ${TARGET_NAMES.join(', ')}, baseline (BENCH_BASELINE_ROOT: another Quarry checkout, built),
                          quarry-limits (rate limits, Redis at BENCH_REDIS_URL), quarry-budget (max_budget) (BENCH_TARGETS, default all three)
  --ttfb-samples <n>      sequential streamed requests per target for time to first byte (default 200)
  --streams <n>           concurrent streams in the memory phase, 0 to skip (BENCH_STREAMS, default 1000)
  --stream-rounds <n>     rounds of the memory phase                      (default 4)
  --log-level <level>     Quarry's LOG_LEVEL                              (BENCH_LOG_LEVEL, default info)
  --cpu-prof              run Quarry under node --cpu-prof; prints its hottest functions
  --database-url <url>    database to (re)create for Quarry  (BENCH_DATABASE_URL, default …/quarry_bench)
  --results-dir <dir>     where latest.json/latest.md go                  (default bench/results)
  --label <text>          a note stored in the results (e.g. "before client reuse fix")
  --no-build              use dist/ as it is instead of running npm run build first`;

const QUICK = {
  durationSeconds: 1,
  warmupSeconds: 0.5,
  latenciesMs: [0],
  connections: [1, 4],
  rounds: 1,
  requests: ['small', 'small-stream'],
  ttfbSamples: 20,
  streams: 50,
  streamRounds: 2,
};

const DEFAULTS = {
  durationSeconds: 5,
  warmupSeconds: 1,
  latenciesMs: [0, 50],
  connections: [1, 10, 64],
  rounds: 2,
  requests: ['small', 'large', 'small-stream'],
  targets: TARGET_NAMES,
  ttfbSamples: 200,
  streams: 1000,
  streamRounds: 4,
  logLevel: 'info',
  databaseUrl: 'postgresql://postgres@127.0.0.1:5432/quarry_bench',
  resultsDir: 'bench/results',
};

export class OptionsError extends Error {}

function numberList(name, text, { min = 0 } = {}) {
  const values = String(text)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map(Number);
  if (values.length === 0 || values.some((value) => !Number.isFinite(value) || value < min)) {
    throw new OptionsError(`${name} must be a comma-separated list of numbers ≥ ${min}, got "${text}"`);
  }
  return values;
}

function positive(name, text, { integer = false, allowZero = false } = {}) {
  const value = Number(text);
  const ok =
    Number.isFinite(value) && (allowZero ? value >= 0 : value > 0) && (!integer || Number.isInteger(value));
  if (!ok) throw new OptionsError(`${name} must be a ${integer ? 'whole ' : ''}number > 0, got "${text}"`);
  return value;
}

function nameList(name, text, allowed) {
  const values = String(text)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = values.filter((value) => !allowed.includes(value));
  if (values.length === 0 || unknown.length > 0) {
    throw new OptionsError(
      `${name}: unknown ${unknown.join(', ') || '(empty)'}; choose from ${allowed.join(', ')}`,
    );
  }
  return values;
}

/** @returns the bench plan; throws OptionsError naming the bad flag. */
export function parseOptions(argv, env = process.env) {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      latencies: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      requests: { type: 'string' },
      targets: { type: 'string' },
      'ttfb-samples': { type: 'string' },
      streams: { type: 'string' },
      'stream-rounds': { type: 'string' },
      'log-level': { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      'database-url': { type: 'string' },
      'results-dir': { type: 'string' },
      label: { type: 'string' },
      'no-build': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    allowPositionals: false,
    strict: true,
  });
  const quick = values.quick === true || env.BENCH_QUICK === '1';
  const base = { ...DEFAULTS, ...(quick ? QUICK : {}) };
  const pick = (flag, variable) => values[flag] ?? env[variable];
  const given = (flag, variable, parse, fallback) => {
    const text = pick(flag, variable);
    return text === undefined || text === '' ? fallback : parse(`--${flag}`, text);
  };
  const plan = {
    help: values.help === true,
    quick,
    durationSeconds: given('duration', 'BENCH_DURATION', positive, base.durationSeconds),
    warmupSeconds: given(
      'warmup',
      'BENCH_WARMUP',
      (n, t) => positive(n, t, { allowZero: true }),
      base.warmupSeconds,
    ),
    latenciesMs: given('latencies', 'BENCH_LATENCIES', numberList, base.latenciesMs),
    connections: given(
      'connections',
      'BENCH_CONNECTIONS',
      (n, t) => numberList(n, t, { min: 1 }),
      base.connections,
    ),
    rounds: given('rounds', 'BENCH_ROUNDS', (n, t) => positive(n, t, { integer: true }), base.rounds),
    requests: given('requests', 'BENCH_REQUESTS', (n, t) => nameList(n, t, REQUEST_KINDS), base.requests),
    targets: given(
      'targets',
      'BENCH_TARGETS',
      (n, t) => nameList(n, t, [...TARGET_NAMES, ...OPTIONAL_TARGETS]),
      base.targets,
    ),
    ttfbSamples: given(
      'ttfb-samples',
      'BENCH_TTFB_SAMPLES',
      (n, t) => positive(n, t, { integer: true }),
      base.ttfbSamples,
    ),
    streams: given(
      'streams',
      'BENCH_STREAMS',
      (n, t) => positive(n, t, { integer: true, allowZero: true }),
      base.streams,
    ),
    streamRounds: given(
      'stream-rounds',
      'BENCH_STREAM_ROUNDS',
      (n, t) => positive(n, t, { integer: true }),
      base.streamRounds,
    ),
    logLevel: pick('log-level', 'BENCH_LOG_LEVEL') || base.logLevel,
    cpuProfile: values['cpu-prof'] === true,
    databaseUrl: pick('database-url', 'BENCH_DATABASE_URL') || base.databaseUrl,
    resultsDir: pick('results-dir', 'BENCH_RESULTS_DIR') || base.resultsDir,
    label: values.label ?? env.BENCH_LABEL ?? '',
    build: values['no-build'] !== true && env.BENCH_NO_BUILD !== '1',
    holdTokensPerSecond: 50,
  };
  plan.latenciesMs = [...new Set(plan.latenciesMs)].sort((a, b) => a - b);
  plan.connections = [...new Set(plan.connections)].sort((a, b) => a - b);
  if (!plan.targets.includes('quarry')) plan.streams = 0;
  if (plan.targets.includes('passthrough') && !plan.targets.includes('quarry'))
    throw new OptionsError('the passthrough target runs on the quarry target: list quarry too');
  return plan;
}
