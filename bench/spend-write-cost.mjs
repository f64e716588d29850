// `node bench/spend-write-cost.mjs [rows-per-batch] [batches]`: CPU the gateway spends writing spend rows
// (the built PrismaSpendStore against the bench database), per row. Spend is written off the request
// path, but on the same CPU: under load every request pays this once. Run `npm run bench` (or
// `npm run build` and create the database) first.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
require('reflect-metadata');
const { PrismaService } = require(path.join(root, 'dist/libs/db/src/prisma.service.js'));
const { PrismaSpendStore } = require(path.join(root, 'dist/libs/db/src/spend/prisma-spend-store.js'));
const { SpendTotals } = require(path.join(root, 'dist/libs/db/src/spend/spend-totals.js'));

const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/quarry_bench';
const rowsPerBatch = Number(process.argv[2] ?? 500);
const batches = Number(process.argv[3] ?? 10);
const WARM_UP_BATCHES = 3;

/** A row like the chat path books for a successful small completion. */
function spendRow(index) {
  return {
    requestId: `spend-cost-${index}`,
    callType: 'chat',
    modelName: 'bench-0ms',
    deploymentId: 'spend-cost',
    bedrockModel: 'anthropic.claude-3-haiku-20240307-v1:0',
    promptTokens: 12,
    completionTokens: 22,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cost: 0.0000305,
    latencyMs: 1.4,
    ttftMs: 1.3,
    status: 'success',
    httpStatus: 200,
    startTime: new Date(),
  };
}

const prisma = new PrismaService(databaseUrl);
await prisma.$connect();
try {
  const store = new PrismaSpendStore(prisma);
  const batch = () => Array.from({ length: rowsPerBatch }, (_, index) => spendRow(index));
  for (let index = 0; index < WARM_UP_BATCHES; index++) await store.write(batch(), new SpendTotals());
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  for (let index = 0; index < batches; index++) await store.write(batch(), new SpendTotals());
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const rows = rowsPerBatch * batches;
  console.log(
    `${batches} batches of ${rowsPerBatch} rows: ${(cpuMs / rows).toFixed(3)} ms CPU per row, ` +
      `${((performance.now() - startedAt) / batches).toFixed(1)} ms per batch (wall)`,
  );
} finally {
  await prisma.$disconnect();
}
