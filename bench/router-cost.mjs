// `node bench/router-cost.mjs [calls]`: what choosing a deployment costs per call, in process, on the
// built code (`npm run build` first). For each strategy, with 1 and with 10 deployments behind one model
// name, each call runs what the pipeline runs: order() once, then observe() for the attempt's start, its
// success and the served call's end. Deployments are plain objects with the fields the router reads.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const dist = (file) => require(path.join(root, 'dist/apps/gateway/src/invocation/routing', file));
const { SimpleShuffleRouter } = dist('simple-shuffle-router.js');
const { LeastBusyRouter } = dist('least-busy-router.js');
const { LatencyRouter } = dist('latency-router.js');
const { UsageRouter } = dist('usage-router.js');

const calls = Number(process.argv[2] ?? 200_000);
const latencyArgs = { ttlMs: 3_600_000, lowestLatencyBuffer: 0.2 };

function deployments(count, fields = () => ({})) {
  return Array.from({ length: count }, (_, index) => ({
    deployment: { id: `bench-deployment-${index}` },
    order: 1,
    weight: undefined,
    rpm: undefined,
    tpm: undefined,
    ...fields(index),
  }));
}

const cases = [
  ['simple-shuffle', () => new SimpleShuffleRouter(), () => ({})],
  ['simple-shuffle weight', () => new SimpleShuffleRouter(), (index) => ({ weight: 1 + (index % 3) })],
  ['simple-shuffle 2 tiers', () => new SimpleShuffleRouter(), (index) => ({ order: 1 + (index % 2) })],
  ['least-busy', () => new LeastBusyRouter(), () => ({})],
  ['latency-based-routing', () => new LatencyRouter(latencyArgs), () => ({})],
  ['usage-based-routing', () => new UsageRouter(), (index) => ({ rpm: 1000 + index, tpm: 100_000 })],
];

const route = { stream: false };
const start = { kind: 'start' };
const done = { kind: 'done', tokens: 40 };

function measure(name, router, candidates) {
  let latency = 1;
  const once = () => {
    const chosen = router.order(candidates, route)[0];
    router.observe(chosen, start);
    // Latencies that vary per call, so the latency strategy keeps re-ranking.
    latency = (latency * 7) % 101;
    router.observe(chosen, { kind: 'success', latencyMs: 50 + latency, stream: false });
    router.observe(chosen, done);
  };
  for (let index = 0; index < Math.min(20_000, calls); index++) once();
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  for (let index = 0; index < calls; index++) once();
  const wallUs = ((performance.now() - startedAt) * 1000) / calls;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuUs = (cpu.user + cpu.system) / calls;
  console.log(
    `${name.padEnd(26)} ${String(candidates.length).padStart(3)} deployments ${wallUs.toFixed(3).padStart(8)} µs wall/call ${cpuUs.toFixed(3).padStart(8)} µs CPU/call`,
  );
}

console.log(`${calls} calls per case: order() + observe(start, success, done)`);
for (const [name, makeRouter, fields] of cases)
  for (const count of [1, 10]) measure(name, makeRouter(), deployments(count, fields));
