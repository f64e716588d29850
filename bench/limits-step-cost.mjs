// `node bench/limits-step-cost.mjs [calls]`: what the limits step costs per call, in process, on the
// built code (`npm run build` first; the budget case reads the bench database, which `npm run bench`
// creates, and Redis at BENCH_REDIS_URL). Each case runs admit() + settle() for `calls` sequential calls:
//   none        no budget and no limit set anywhere (the step must cost ~nothing)
//   rate/memory rpm + tpm + parallel limits on the key, counters in this process (no REDIS_URL)
//   rate/redis  the same limits, counters in Redis (one Lua script per admit, one per settle)
//   budget      max_budget on the key: one live read of spend from Postgres per call
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
require('reflect-metadata');
const dist = (file) => require(path.join(root, 'dist', file));
const { EnforcedLimits } = dist('apps/gateway/src/invocation/limits/enforced-limits.js');
const { BudgetGuard } = dist('apps/gateway/src/invocation/limits/budget-guard.js');
const { MemoryLimitCounters } = dist('apps/gateway/src/invocation/limits/counters/memory-limit-counters.js');
const { RedisLimitCounters } = dist('apps/gateway/src/invocation/limits/counters/redis-limit-counters.js');
const { LiveSpend } = dist('apps/gateway/src/spend/live-spend.service.js');
const { PrismaService, BudgetLedger, SpendBalancesReader } = dist('libs/db/src/index.js');

const calls = Number(process.argv[2] ?? 5000);
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/quarry_bench';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const silent = { warn() {}, info() {}, error() {} };

const noLimits = {
  maxBudget: null,
  budgetDuration: null,
  rpmLimit: null,
  tpmLimit: null,
  maxParallelRequests: null,
};
function principal(keyId, limits) {
  return {
    kind: 'key',
    role: 'internal_user',
    teamAdminOf: [],
    teamMemberOf: [],
    key: { id: keyId, displayKey: 'sk-…bench', softBudget: null, modelBudgets: {}, ...noLimits, ...limits },
  };
}
const body = {
  model: 'bench',
  messages: [{ role: 'user', content: 'Say hello in one short sentence.' }],
  max_tokens: 64,
};
const deployment = {
  deployment: { id: 'bench-deployment' },
  price: { inputPerToken: 2.5e-7, outputPerToken: 1.25e-6 },
};
const usage = { inputTokens: 12, outputTokens: 22, cacheReadTokens: 0, cacheWriteTokens: 0 };

async function measure(name, limits, keyPrincipal) {
  const call = { principal: keyPrincipal, requestedModel: 'bench', endUser: undefined, requestId: 'bench' };
  const request = { body, deployments: [deployment] };
  const once = async () => (await limits.admit(call, request)).settle(usage, 0.00003);
  for (let index = 0; index < Math.min(500, calls); index++) await once();
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  for (let index = 0; index < calls; index++) await once();
  const wallUs = ((performance.now() - startedAt) * 1000) / calls;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuUs = (cpu.user + cpu.system) / calls;
  console.log(
    `${name.padEnd(12)} ${wallUs.toFixed(2).padStart(9)} µs wall/call ${cpuUs.toFixed(2).padStart(9)} µs CPU/call`,
  );
}

const prisma = new PrismaService(databaseUrl);
await prisma.$connect();
const redisCounters = new RedisLimitCounters(redisUrl, silent);
try {
  const writer = { unwrittenSpend: () => 0 };
  const guard = new BudgetGuard(
    new LiveSpend(new SpendBalancesReader(prisma), writer, new BudgetLedger(prisma)),
    new BudgetLedger(prisma),
  );
  const noEndUsers = { settingsOf: () => undefined };
  const rate = { rpmLimit: 2_000_000_000, tpmLimit: 2_000_000_000, maxParallelRequests: 1_000_000 };
  const keyId = `bench-limits-${process.pid}`;
  await measure(
    'none',
    new EnforcedLimits(guard, new MemoryLimitCounters(), noEndUsers, silent),
    principal(keyId, {}),
  );
  await measure(
    'rate/memory',
    new EnforcedLimits(guard, new MemoryLimitCounters(), noEndUsers, silent),
    principal(keyId, rate),
  );
  await measure(
    'rate/redis',
    new EnforcedLimits(guard, redisCounters, noEndUsers, silent),
    principal(keyId, rate),
  );
  await measure(
    'budget',
    new EnforcedLimits(guard, new MemoryLimitCounters(), noEndUsers, silent),
    principal(keyId, { maxBudget: 1e9 }),
  );
} finally {
  redisCounters.onModuleDestroy();
  await prisma.$disconnect();
}
