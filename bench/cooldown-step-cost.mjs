// `node bench/cooldown-step-cost.mjs [calls]`: what cooldowns add to a call, in process, on the built code
// (`npm run build` first), for a model with 10 deployments. Each case runs what the pipeline runs per call:
// available() before the router, isAvailable() per retry (none here), and the served-by headers:
//   none-cooling   no deployment is cooling down (the usual case: one Map size check)
//   three-cooling  3 of the 10 are cooling down (filtering the candidates)
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const dist = (file) => require(path.join(root, 'dist', file));
const { DeploymentCooldowns } = dist('apps/gateway/src/invocation/cooldowns/deployment-cooldowns.js');
const { servedByHeaders } = dist('apps/gateway/src/invocation/reply/served-by-headers.js');
const { DEFAULT_COOLDOWN_SETTINGS } = dist('apps/gateway/src/platform/config/cooldown-settings.js');

const calls = Number(process.argv[2] ?? 200_000);
const silent = { warn() {}, info() {}, error() {} };
const deployments = Array.from({ length: 10 }, (_, index) => ({
  deployment: { id: `deployment-${index}`, litellmParams: {} },
  region: 'us-east-1',
}));

function run(cooldowns) {
  let kept = 0;
  const startedAt = process.cpuUsage();
  for (let call = 0; call < calls; call++) {
    const healthy = cooldowns.available('claude', deployments);
    kept += healthy.length + Object.keys(servedByHeaders(healthy[0], 0)).length;
  }
  const { user, system } = process.cpuUsage(startedAt);
  return { microsecondsPerCall: ((user + system) / calls).toFixed(3), kept };
}

const none = new DeploymentCooldowns({ ...DEFAULT_COOLDOWN_SETTINGS }, undefined, silent);
const three = new DeploymentCooldowns(
  { ...DEFAULT_COOLDOWN_SETTINGS, allowedFails: 0, cooldownTimeMs: 3_600_000 },
  undefined,
  silent,
);
for (const index of [2, 5, 7]) three.recordFailure(deployments[index], deployments.length);

for (let round = 0; round < 2; round++) {
  // The first round warms the JIT; the second is reported.
  const results = { 'none-cooling': run(none), 'three-cooling': run(three) };
  if (round === 1)
    for (const [name, result] of Object.entries(results))
      console.log(`${name.padEnd(14)} ${result.microsecondsPerCall} µs CPU per call (${calls} calls)`);
}
