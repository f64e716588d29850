// Turns the measurements into results JSON (headline figures at the top level, every scenario below)
// and a markdown summary. Headline = the small non-streaming request at the lowest emulator latency.
import { difference, ratio } from './stats.mjs';

const GATEWAYS = ['quarry', 'portkey', 'passthrough', 'baseline', 'quarry-limits', 'quarry-budget'];

function scenarioKey(cell) {
  return `${cell.latencyMs}|${cell.kind}`;
}

/** Cells of one (latency, request kind) grouped into a scenario with derived figures. */
function buildScenarios(cells) {
  const grouped = new Map();
  for (const cell of cells) {
    const key = scenarioKey(cell);
    if (!grouped.has(key))
      grouped.set(key, { emulator_latency_ms: cell.latencyMs, request: cell.kind, cells: [] });
    grouped.get(key).cells.push(cell);
  }
  return [...grouped.values()].map(({ emulator_latency_ms, request, cells: scenarioCells }) => {
    const targets = {};
    for (const cell of scenarioCells) {
      for (const [name, figures] of Object.entries(cell.byTarget)) {
        targets[name] ??= { saturation_rps: null, errors: 0, by_connections: {} };
        targets[name].by_connections[cell.connections] = figures;
        targets[name].errors += figures.errors;
        targets[name].saturation_rps = Math.max(targets[name].saturation_rps ?? 0, figures.rps);
      }
    }
    const added = {};
    for (const gateway of GATEWAYS) {
      if (!targets[gateway] || !targets.direct) continue;
      added[gateway] = {};
      for (const cell of scenarioCells) {
        const own = cell.byTarget[gateway].latency_ms;
        const direct = cell.byTarget.direct.latency_ms;
        added[gateway][cell.connections] = {
          p50: difference(own.p50, direct.p50),
          p90: difference(own.p90, direct.p90),
          p99: difference(own.p99, direct.p99),
        };
      }
    }
    return {
      emulator_latency_ms,
      request,
      targets,
      added_latency_ms: added,
      quarry_over_portkey_rps:
        targets.quarry && targets.portkey
          ? ratio(targets.quarry.saturation_rps, targets.portkey.saturation_rps)
          : null,
    };
  });
}

function buildTtfb(ttfbResults) {
  return ttfbResults.map(({ latencyMs, kind, byTarget }) => {
    const added = {};
    for (const gateway of GATEWAYS) {
      if (!byTarget[gateway] || !byTarget.direct) continue;
      added[gateway] = {
        p50: difference(byTarget[gateway].first_byte_ms.p50, byTarget.direct.first_byte_ms.p50),
        p99: difference(byTarget[gateway].first_byte_ms.p99, byTarget.direct.first_byte_ms.p99),
      };
    }
    return { emulator_latency_ms: latencyMs, request: kind, targets: byTarget, added_ms: added };
  });
}

/** @returns the object written as latest.json */
export function buildResults({
  plan,
  cells,
  ttfb,
  streamMemory,
  peakRss,
  machine,
  startedAt,
  finishedAt,
  profile,
  processes,
}) {
  const scenarios = buildScenarios(cells);
  const ttfbScenarios = buildTtfb(ttfb);
  const lowest = plan.latenciesMs[0];
  const headline = scenarios.find((s) => s.emulator_latency_ms === lowest && s.request === 'small');
  const headlineTtfb = ttfbScenarios.find(
    (s) => s.emulator_latency_ms === lowest && s.request === 'small-stream',
  );
  const oneConnection = plan.connections[0];
  // Passthrough's own headline is ConverseStream relayed through /bedrock (small prompt, lowest latency).
  const passthroughStream = scenarios.find(
    (s) => s.emulator_latency_ms === lowest && s.request === 'small-stream',
  );
  // CPU per request is read where the gateways are busiest, so fixed idle work (timers, cache refreshes)
  // is spread over the most requests.
  const mostConnections = plan.connections.at(-1);
  const cpuPerRequest = (name) =>
    headline?.targets[name]?.by_connections[mostConnections]?.cpu_us_per_request ?? null;

  const errors = {};
  for (const scenario of scenarios) {
    for (const [name, figures] of Object.entries(scenario.targets))
      errors[name] = (errors[name] ?? 0) + figures.errors;
  }
  for (const [name, figures] of Object.entries(streamMemory))
    errors[name] = (errors[name] ?? 0) + figures.errors;

  return {
    quarry_rps: headline?.targets.quarry?.saturation_rps ?? null,
    portkey_rps: headline?.targets.portkey?.saturation_rps ?? null,
    quarry_over_portkey: headline?.quarry_over_portkey_rps ?? null,
    added_p50_ms: headline?.added_latency_ms.quarry?.[oneConnection]?.p50 ?? null,
    added_p99_ms: headline?.added_latency_ms.quarry?.[oneConnection]?.p99 ?? null,
    stream_ttfb_added_ms: headlineTtfb?.added_ms.quarry?.p50 ?? null,
    quarry_cpu_us_per_request: cpuPerRequest('quarry'),
    portkey_cpu_us_per_request: cpuPerRequest('portkey'),
    portkey_cpu_over_quarry: ratio(cpuPerRequest('portkey'), cpuPerRequest('quarry')),
    quarry_peak_rss_mb: peakRss.quarry ?? null,
    portkey_peak_rss_mb: peakRss.portkey ?? null,
    quarry_stream_rss_growth_mb: streamMemory.quarry?.rss_growth_mb ?? null,
    passthrough_stream_added_p50_ms:
      passthroughStream?.added_latency_ms.passthrough?.[oneConnection]?.p50 ?? null,
    passthrough_stream_added_p99_ms:
      passthroughStream?.added_latency_ms.passthrough?.[oneConnection]?.p99 ?? null,
    passthrough_stream_ttfb_added_ms: headlineTtfb?.added_ms.passthrough?.p50 ?? null,
    errors,
    total_errors: Object.values(errors).reduce((sum, count) => sum + count, 0),
    headline: {
      request: 'small',
      emulator_latency_ms: lowest,
      added_latency_connections: oneConnection,
      rps: 'saturation throughput: the best of the connection counts measured',
      cpu_connections: mostConnections,
      cpu_us_per_request:
        "the gateway process's user + system CPU time per completed request, at the most connections measured",
    },
    label: plan.label,
    started_at: startedAt,
    finished_at: finishedAt,
    settings: {
      quick: plan.quick,
      duration_s: plan.durationSeconds,
      warmup_s: plan.warmupSeconds,
      rounds: plan.rounds,
      emulator_latencies_ms: plan.latenciesMs,
      connections: plan.connections,
      requests: plan.requests,
      targets: plan.targets,
      ttfb_samples: plan.ttfbSamples,
      streams: plan.streams,
      stream_rounds: plan.streamRounds,
      quarry_log_level: plan.logLevel,
      cpu_profile: plan.cpuProfile,
    },
    machine,
    scenarios,
    time_to_first_byte: ttfbScenarios,
    stream_memory: streamMemory,
    peak_rss_mb: peakRss,
    /** The child processes this run started (all stopped before the harness exits). */
    processes,
    ...(profile ? { cpu_profile: profile } : {}),
  };
}
