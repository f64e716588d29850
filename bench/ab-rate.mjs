// Same-run A/B of Quarry builds at a fixed request rate: CPU per request of each build, measured while
// each serves the same steady load (autocannon's overallRate), rounds in ABBA order. At a fixed rate,
// below saturation, a build's CPU per request does not depend on how much it batches under overload,
// and the load generator and emulator take the same share of the two cores for every build.
//   node bench/ab-rate.mjs name=/path/to/built/checkout [name=…] [--rate 600] [--connections 32]
//        [--duration 8] [--rounds 6] [--kind small] [--warmup 2]
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { recreateDatabase } from './lib/bench-database.mjs';
import { startEmulators, startQuarry } from './lib/bench-targets.mjs';
import { cpuMicrosOf, stopAll } from './lib/child-processes.mjs';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rate: { type: 'string', default: '600' },
    connections: { type: 'string', default: '32' },
    duration: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '6' },
    kind: { type: 'string', default: 'small' },
    warmup: { type: 'string', default: '2' },
    pin: { type: 'boolean', default: false },
  },
});
const builds = positionals.map((spec) => {
  // name=root, or name=root@--a-v8-flag,--another: the same build under other node flags.
  const name = spec.slice(0, spec.indexOf('='));
  const [root, flags = ''] = spec.slice(spec.indexOf('=') + 1).split('@');
  return { name, root: path.resolve(root), nodeArgs: flags.split(',').filter(Boolean) };
});
const root = path.resolve(import.meta.dirname, '..');
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/quarry_bench';
const logDir = mkdtempSync(path.join(os.tmpdir(), 'quarry-ab-'));

async function load(request, durationSeconds) {
  let completed = 0;
  const instance = autocannon({
    url: request.url,
    method: 'POST',
    headers: request.headers,
    body: request.body,
    connections: Number(values.connections),
    overallRate: Number(values.rate),
    duration: durationSeconds,
  });
  instance.on('response', (_client, status) => {
    if (status >= 200 && status < 300) completed++;
  });
  const result = await instance;
  return { completed, errors: result.errors + result.non2xx };
}

/** CPU micros per thread name (the JS thread is "node"; V8's GC helpers "V8Worker"; libuv's pool "libuv-worker"). */
function cpuByThread(pid) {
  const byName = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byName.set(name, (byName.get(name) ?? 0) + (Number(fields[11]) + Number(fields[12])) * 10_000);
    } catch {
      // the thread ended meanwhile
    }
  }
  return byName;
}

/** `--pin`: the gateways on CPU 1, everything else (this process, the load generator, the emulator) on CPU 0. */
function pin(pid, cpu) {
  if (values.pin) execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

try {
  await recreateDatabase(databaseUrl, root);
  pin(process.pid, 0);
  const emulators = await startEmulators({ latenciesMs: [0], holdTokensPerSecond: 0 }, { root, logDir });
  for (const { handle } of emulators.values()) pin(handle.pid, 0);
  const targets = [];
  for (const build of builds) {
    const quarry = await startQuarry(emulators, {
      root: build.root,
      logDir,
      databaseUrl,
      logLevel: 'info',
      name: build.name,
      nodeArgs: build.nodeArgs,
    });
    pin(quarry.handle.pid, 1);
    targets.push({ ...build, quarry, request: await quarry.requestFor(values.kind, 0), rounds: [] });
  }
  for (const target of targets) await load(target.request, 3); // warm-up: JIT and pools
  for (let round = 0; round < Number(values.rounds); round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      // Re-warm first: a process left idle while the others ran may have had code flushed or deoptimised.
      await load(target.request, Number(values.warmup));
      const before = cpuMicrosOf(target.quarry.handle);
      const threadsBefore = cpuByThread(target.quarry.handle.pid);
      const { completed, errors } = await load(target.request, Number(values.duration));
      const micros = cpuMicrosOf(target.quarry.handle) - before;
      target.rounds.push(micros / completed);
      const threads = [...cpuByThread(target.quarry.handle.pid)]
        .map(([name, total]) => [name, Math.round((total - (threadsBefore.get(name) ?? 0)) / completed)])
        .filter(([, perRequest]) => perRequest > 0);
      target.threads = threads;
      console.log(
        `round ${round + 1} ${target.name}: ${completed} requests, ${errors} errors, ${Math.round(micros / completed)} µs CPU/request (${target.threads.map(([name, value]) => `${name} ${value}`).join(', ')})`,
      );
    }
  }
  if (process.env.AB_IDLE_SECONDS) {
    const seconds = Number(process.env.AB_IDLE_SECONDS);
    const before = targets.map((target) => cpuMicrosOf(target.quarry.handle));
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    targets.forEach((target, index) =>
      console.log(
        `${target.name} idle: ${Math.round((cpuMicrosOf(target.quarry.handle) - before[index]) / seconds / 1000)} ms CPU per second`,
      ),
    );
  }
  const [first, ...others] = targets;
  console.log(
    `\nload average ${os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}; ${values.kind} at ${values.rate} req/s, ${values.connections} connections`,
  );
  for (const target of targets)
    console.log(
      `${target.name}: median ${Math.round(median(target.rounds))} µs CPU/request (${target.rounds.map(Math.round).join(' / ')})`,
    );
  for (const other of others) {
    const ratios = first.rounds.map((micros, index) => micros / other.rounds[index]);
    console.log(
      `${first.name} / ${other.name} per round: ${ratios.map((r) => r.toFixed(3)).join(' ')}; median ${median(ratios).toFixed(3)}`,
    );
  }
} finally {
  await stopAll();
}
