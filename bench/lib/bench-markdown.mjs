// The markdown summary of one results object (written next to latest.json and pasted into bench/README.md).

const show = (value, suffix = '') => (value === null || value === undefined ? '–' : `${value}${suffix}`);
const triple = (figures) =>
  figures ? `${show(figures.p50)} / ${show(figures.p90)} / ${show(figures.p99)}` : '–';
const pair = (figures) => (figures ? `${show(figures.p50)} / ${show(figures.p99)}` : '–');

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function headlineTable(results) {
  const memory = results.stream_memory;
  return table(
    [
      'figure (small request, emulator latency ' + results.headline.emulator_latency_ms + ' ms)',
      'value',
      'target',
    ],
    [
      ['Quarry throughput at saturation', show(results.quarry_rps, ' req/s'), ''],
      ['Portkey throughput at saturation', show(results.portkey_rps, ' req/s'), ''],
      ['Quarry / Portkey throughput', show(results.quarry_over_portkey, '×'), '≥ 2×'],
      [
        `Quarry CPU per request, ${results.headline.cpu_connections} connections`,
        show(results.quarry_cpu_us_per_request, ' µs'),
        '',
      ],
      [
        `Portkey CPU per request, ${results.headline.cpu_connections} connections`,
        show(results.portkey_cpu_us_per_request, ' µs'),
        '',
      ],
      ['Portkey / Quarry CPU per request', show(results.portkey_cpu_over_quarry, '×'), '≥ 2×'],
      [
        `added latency p50, ${results.headline.added_latency_connections} connection`,
        show(results.added_p50_ms, ' ms'),
        '≤ 1 ms',
      ],
      [
        `added latency p99, ${results.headline.added_latency_connections} connection`,
        show(results.added_p99_ms, ' ms'),
        '≤ 5 ms',
      ],
      ['stream time-to-first-byte added (p50)', show(results.stream_ttfb_added_ms, ' ms'), '≤ 2 ms'],
      [
        `passthrough ConverseStream added latency p50 / p99, ${results.headline.added_latency_connections} connection`,
        `${show(results.passthrough_stream_added_p50_ms, ' ms')} / ${show(results.passthrough_stream_added_p99_ms, ' ms')}`,
        '',
      ],
      [
        'passthrough ConverseStream time-to-first-byte added (p50)',
        show(results.passthrough_stream_ttfb_added_ms, ' ms'),
        '≤ 1 ms',
      ],
      ['Quarry peak RSS', show(results.quarry_peak_rss_mb, ' MB'), ''],
      ['Portkey peak RSS', show(results.portkey_peak_rss_mb, ' MB'), ''],
      ...Object.entries(memory).map(([name, figures]) => [
        `${name} RSS growth, round ${figures.rss_growth_from_round} → ${figures.rounds.length} of ${figures.streams} concurrent streams`,
        show(figures.rss_growth_mb, ' MB'),
        name === 'quarry' ? 'flat' : '',
      ]),
      ['errors (all runs)', show(results.total_errors), '0'],
    ],
  );
}

function scenarioTable(results) {
  const rows = [];
  for (const scenario of results.scenarios) {
    const connectionCounts = Object.keys(Object.values(scenario.targets)[0].by_connections);
    for (const connections of connectionCounts) {
      const at = (name) => scenario.targets[name]?.by_connections[connections];
      const rps = (name) => show(at(name)?.rps);
      const quarryRps = at('quarry')?.rps;
      const portkeyRps = at('portkey')?.rps;
      rows.push([
        `${scenario.emulator_latency_ms} ms`,
        scenario.request,
        connections,
        rps('direct'),
        rps('quarry'),
        rps('portkey'),
        quarryRps && portkeyRps ? `${(quarryRps / portkeyRps).toFixed(2)}×` : '–',
        `${show(at('quarry')?.cpu_us_per_request)} / ${show(at('portkey')?.cpu_us_per_request)}`,
        triple(at('direct')?.latency_ms),
        triple(at('quarry')?.latency_ms),
        triple(at('portkey')?.latency_ms),
        pair(scenario.added_latency_ms.quarry?.[connections]),
        pair(scenario.added_latency_ms.portkey?.[connections]),
        ['direct', 'quarry', 'portkey'].map((name) => show(at(name)?.errors)).join('/'),
      ]);
    }
  }
  return table(
    [
      'emulator',
      'request',
      'conns',
      'direct req/s',
      'Quarry req/s',
      'Portkey req/s',
      'Q/P',
      'Quarry / Portkey CPU µs/req',
      'direct p50/p90/p99 ms',
      'Quarry p50/p90/p99 ms',
      'Portkey p50/p90/p99 ms',
      'Quarry added p50/p99',
      'Portkey added p50/p99',
      'errors d/q/p',
    ],
    rows,
  );
}

/** Every gateway's pooled req/s and CPU µs per request, with each round's in brackets: the spread is the noise. */
function roundsTable(results) {
  const gateways = [
    ...new Set(
      results.scenarios.flatMap((scenario) =>
        Object.keys(scenario.targets).filter((name) => name !== 'direct'),
      ),
    ),
  ];
  const rows = [];
  for (const scenario of results.scenarios) {
    const connectionCounts = Object.keys(Object.values(scenario.targets)[0].by_connections);
    for (const connections of connectionCounts) {
      rows.push([
        `${scenario.emulator_latency_ms} ms`,
        scenario.request,
        connections,
        ...gateways.map((name) => {
          const figures = scenario.targets[name]?.by_connections[connections];
          if (!figures) return '–';
          const each = (field) => (figures.rounds ?? []).map((one) => show(one[field])).join(' / ');
          return `${show(figures.rps)} (${each('rps')}) · ${show(figures.cpu_us_per_request)} (${each('cpu_us_per_request')})`;
        }),
      ]);
    }
  }
  return table(
    [
      'emulator',
      'request',
      'conns',
      ...gateways.map((name) => `${name} req/s (per round) · CPU µs/req (per round)`),
    ],
    rows,
  );
}

function ttfbTable(results) {
  return table(
    [
      'emulator',
      'request',
      'direct p50/p90/p99 ms',
      'Quarry p50/p90/p99 ms',
      'Portkey p50/p90/p99 ms',
      'Quarry added p50/p99',
      'Portkey added p50/p99',
    ],
    results.time_to_first_byte.map((scenario) => [
      `${scenario.emulator_latency_ms} ms`,
      scenario.request,
      triple(scenario.targets.direct?.first_byte_ms),
      triple(scenario.targets.quarry?.first_byte_ms),
      triple(scenario.targets.portkey?.first_byte_ms),
      pair(scenario.added_ms.quarry),
      pair(scenario.added_ms.portkey),
    ]),
  );
}

/** /bedrock passthrough (the native Converse request, relayed re-signed by Quarry) against direct. */
function passthroughTable(results) {
  const rows = [];
  for (const scenario of results.scenarios) {
    if (!scenario.targets.passthrough) continue;
    for (const connections of Object.keys(scenario.targets.passthrough.by_connections)) {
      const at = (name) => scenario.targets[name]?.by_connections[connections];
      rows.push([
        `${scenario.emulator_latency_ms} ms`,
        scenario.request,
        connections,
        show(at('direct')?.rps),
        show(at('passthrough')?.rps),
        triple(at('direct')?.latency_ms),
        triple(at('passthrough')?.latency_ms),
        pair(scenario.added_latency_ms.passthrough?.[connections]),
        show(at('passthrough')?.errors),
      ]);
    }
  }
  for (const scenario of results.time_to_first_byte) {
    if (!scenario.targets.passthrough) continue;
    rows.push([
      `${scenario.emulator_latency_ms} ms`,
      `${scenario.request}, time to first byte`,
      '1',
      '',
      '',
      triple(scenario.targets.direct?.first_byte_ms),
      triple(scenario.targets.passthrough?.first_byte_ms),
      pair(scenario.added_ms.passthrough),
      '',
    ]);
  }
  return table(
    [
      'emulator',
      'request',
      'conns',
      'direct req/s',
      'passthrough req/s',
      'direct p50/p90/p99 ms',
      'passthrough p50/p90/p99 ms',
      'passthrough added p50/p99',
      'errors',
    ],
    rows,
  );
}

function memoryTable(results) {
  const rows = Object.entries(results.stream_memory).map(([name, figures]) => [
    name,
    figures.streams,
    show(figures.rss_before_mb),
    figures.rounds.map((r) => `${r.peak_rss_mb} / ${r.rss_after_mb}`).join(' → '),
    show(figures.rss_growth_mb),
    show(figures.errors),
  ]);
  return table(
    [
      'gateway',
      'concurrent streams',
      'RSS before MB',
      'per round: peak / after MB',
      'growth from round 2 (1 if < 3 rounds) MB',
      'errors',
    ],
    rows,
  );
}

export function resultsMarkdown(results) {
  const settings = results.settings;
  const parts = [
    `### Benchmark ${results.finished_at}${results.label ? ` — ${results.label}` : ''}`,
    '',
    `Machine: ${results.machine.cpus} × ${results.machine.cpu_model}, Node ${results.machine.node}, load average at start ${results.machine.load_average_at_start}. ` +
      `Runs of ${settings.duration_s} s × ${settings.rounds} rounds (targets alternated), Quarry LOG_LEVEL=${settings.quarry_log_level}` +
      `${settings.quick ? ', quick mode (smoke run; figures not meaningful)' : ''}.`,
    '',
    headlineTable(results),
    '',
    '#### Throughput and latency (latency in ms, measured by the load generator)',
    '',
    scenarioTable(results),
    '',
    '#### Every gateway, round by round (targets alternated within each round)',
    '',
    roundsTable(results),
    '',
    '#### Streams: time to first byte (sequential, one connection)',
    '',
    ttfbTable(results),
  ];
  if (results.scenarios.some((scenario) => scenario.targets.passthrough))
    parts.push('', '#### /bedrock passthrough against direct (same run)', '', passthroughTable(results));
  if (Object.keys(results.stream_memory).length > 0)
    parts.push('', '#### Memory under concurrent streams', '', memoryTable(results));
  return `${parts.join('\n')}\n`;
}
