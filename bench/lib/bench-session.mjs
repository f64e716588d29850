// One benchmark session, start to finish: database, processes, preflight, the three measurement phases,
// and the peak memory of each gateway. Returns the results object (see bench-report.mjs).
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { recreateDatabase } from './bench-database.mjs';
import { buildResults } from './bench-report.mjs';
import { directTarget, HOLD_EMULATOR, startEmulators, startPortkey, startQuarry } from './bench-targets.mjs';
import { memoryOf, stop } from './child-processes.mjs';
import { formatCpuProfileSummary, summariseCpuProfile } from './cpu-profile-summary.mjs';
import { runLoadPhase } from './load-phase.mjs';
import { preflight } from './preflight.mjs';
import { round } from './stats.mjs';
import { measureStreamMemory } from './stream-memory.mjs';
import { runTtfbPhase } from './ttfb-phase.mjs';

const PROFILE_WRITE_TIMEOUT_MS = 15_000;

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu_model: cpus[0]?.model ?? 'unknown',
    node: process.version,
    load_average_at_start: os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' '),
  };
}

async function startTargets(plan, context, log) {
  const emulators = await startEmulators(plan, context);
  log(
    `• emulators: ${[...emulators].map(([key, { endpoint }]) => `${key}${typeof key === 'number' ? ' ms' : ''} ${endpoint}`).join(', ')}`,
  );
  const targets = [];
  for (const name of plan.targets) {
    if (name === 'direct') targets.push(directTarget(emulators));
    if (name === 'quarry') {
      targets.push(
        await startQuarry(emulators, { ...context, databaseUrl: plan.databaseUrl, logLevel: plan.logLevel }),
      );
      log(`• Quarry started (LOG_LEVEL=${plan.logLevel}${context.cpuProfileDir ? ', --cpu-prof' : ''})`);
    }
    if (name === 'baseline') {
      const baselineRoot = process.env.BENCH_BASELINE_ROOT;
      if (!baselineRoot)
        throw new Error('the baseline target needs BENCH_BASELINE_ROOT (a built Quarry checkout)');
      // Same database as Quarry: the baseline's schema is older, and what it writes is a subset.
      targets.push(
        await startQuarry(emulators, {
          ...context,
          root: baselineRoot,
          name: 'baseline',
          databaseUrl: plan.databaseUrl,
          logLevel: plan.logLevel,
        }),
      );
      log(`• baseline Quarry started from ${baselineRoot}`);
    }
    if (name === 'quarry-limits' || name === 'quarry-budget') {
      // The same build as `quarry`, with a key whose limits make the limits step work on every call; the
      // limits are far above what the bench sends, so nothing is refused.
      const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
      targets.push(
        await startQuarry(emulators, {
          ...context,
          name,
          databaseUrl: plan.databaseUrl,
          logLevel: plan.logLevel,
          extraEnv: name === 'quarry-limits' ? { REDIS_URL: redisUrl } : {},
          keyFields:
            name === 'quarry-limits'
              ? { rpm_limit: 2_000_000_000, tpm_limit: 2_000_000_000, max_parallel_requests: 1_000_000 }
              : { max_budget: 1_000_000_000 },
        }),
      );
      log(`• ${name} started${name === 'quarry-limits' ? ` (REDIS_URL=${redisUrl})` : ''}`);
    }
    if (name === 'portkey') {
      targets.push(await startPortkey(emulators, context));
      log('• Portkey gateway started');
    }
    if (name === 'passthrough') {
      targets.push(targets.find((target) => target.name === 'quarry').passthrough);
      log('• passthrough: the same Quarry through /bedrock (native Converse, relayed re-signed)');
    }
  }
  return { emulators, targets };
}

function peakRssOf(targets) {
  const peaks = {};
  for (const target of targets)
    if (target.handle && !target.sharesProcess)
      peaks[target.name] = round(memoryOf(target.handle).peakRssMb, 1);
  return peaks;
}

/** Stops Quarry (SIGTERM: Nest drains and exits, V8 writes the profile) and summarises the newest profile. */
async function collectCpuProfile(quarry, cpuProfileDir, log) {
  const before = new Set(existsSync(cpuProfileDir) ? readdirSync(cpuProfileDir) : []);
  await stop(quarry.handle);
  const deadline = Date.now() + PROFILE_WRITE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const fresh = readdirSync(cpuProfileDir).filter(
      (file) => file.endsWith('.cpuprofile') && !before.has(file),
    );
    if (fresh.length > 0) {
      const summary = summariseCpuProfile(path.join(cpuProfileDir, fresh.sort().at(-1)));
      log(formatCpuProfileSummary(summary));
      return summary;
    }
    await delay(100);
  }
  log(`no .cpuprofile appeared in ${cpuProfileDir}`);
  return undefined;
}

export async function bench(plan, { root, logDir, cpuProfileDir, log }) {
  const startedAt = new Date().toISOString();
  const machineInfo = machine();
  const context = { root, logDir, cpuProfileDir };
  if (plan.targets.includes('quarry')) {
    await recreateDatabase(plan.databaseUrl, root);
    log('• database recreated and migrated');
  }
  const { emulators, targets } = await startTargets(plan, context, log);
  const processes = [
    ...[...emulators.values()].map(({ handle }) => handle),
    ...targets.filter((t) => !t.sharesProcess).map((t) => t.handle),
  ]
    .filter(Boolean)
    .map((handle) => ({ name: handle.name, pid: handle.pid }));

  await preflight(targets, plan.requests, plan.latenciesMs);
  log('• every target answers every request kind correctly; measuring');
  const cells = await runLoadPhase(targets, plan, log);
  const ttfb = await runTtfbPhase(targets, plan, log);

  const streamMemory = {};
  if (plan.streams > 0) {
    for (const target of targets.filter((candidate) => candidate.handle && !candidate.sharesProcess)) {
      const request = await target.requestFor('small-stream', HOLD_EMULATOR);
      streamMemory[target.name] = await measureStreamMemory(target, request, {
        streams: plan.streams,
        rounds: plan.streamRounds,
      });
      const figures = streamMemory[target.name];
      log(
        `  ${plan.streams} streams × ${plan.streamRounds}: ${target.name} growth ${figures.rss_growth_mb} MB, errors ${figures.errors}`,
      );
    }
  }
  const peakRss = peakRssOf(targets);

  const quarry = targets.find((target) => target.name === 'quarry');
  const profile = quarry && cpuProfileDir ? await collectCpuProfile(quarry, cpuProfileDir, log) : undefined;
  return buildResults({
    plan,
    cells,
    ttfb,
    streamMemory,
    peakRss,
    machine: machineInfo,
    startedAt,
    finishedAt: new Date().toISOString(),
    profile,
    processes,
  });
}
