// `node bench/spend-reports.mjs [--rows 1000000] [--runs 7] [--keep]`: how long the spend reports take over
// a million spend rows. Recreates its own database (BENCH_REPORTS_DATABASE_URL, default quarry_bench_reports),
// migrates it, seeds the rows in Postgres (bench/lib/spend-report-seed.mjs), builds the daily roll-up with
// the migration's backfill, starts the built gateway (`npm run build` first) and times each report over
// HTTP, as the proxy admin and as a team admin. Prints a Markdown table (bench/README.md, "Spend reports").
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { recreateDatabase } from './lib/bench-database.mjs';
import { freePort, startNode, stopAll, waitUntilListening } from './lib/child-processes.mjs';
import {
  rollupBackfillSql,
  seedDailySpend,
  seedSpendLogs,
  seedTenants,
  setTotals,
} from './lib/spend-report-seed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
  },
});
const databaseUrl =
  process.env.BENCH_REPORTS_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/quarry_bench_reports';
const rows = Number(options.rows);
const runs = Number(options.runs);

async function timed(label, work) {
  const startedAt = performance.now();
  const result = await work();
  console.error(`${label}: ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  return result;
}

async function seed() {
  await timed('create + migrate', () => recreateDatabase(databaseUrl, root));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await timed('tenants', () => seedTenants(client));
    await timed(`${rows.toLocaleString('en')} spend rows`, () => seedSpendLogs(client, rows));
    await timed('daily roll-up (migration backfill)', () => client.query(rollupBackfillSql(root)));
    await timed('daily_spend', () => seedDailySpend(client));
    await timed('key/team/user totals', () => setTotals(client));
    await timed('analyze', () => client.query('ANALYZE'));
    const { rows: counts } = await client.query(
      `SELECT (SELECT count(*) FROM spend_logs) AS logs, (SELECT count(*) FROM daily_spend_rollup) AS rollup,
              (SELECT count(*) FROM daily_spend) AS daily`,
    );
    return counts[0];
  } finally {
    await client.end();
  }
}

async function main() {
  const counts = await seed();
  const masterKey = `sk-bench-${randomBytes(24).toString('hex')}`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const gateway = startNode('gateway', [path.join(root, 'dist/apps/gateway/src/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      QUARRY_MASTER_KEY: masterKey,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    logFile: path.join(tmpdir(), `quarry-bench-reports-${port}.log`),
  });
  await waitUntilListening(gateway, `${baseUrl}/health`);

  const request = async (key, target) => {
    const response = await fetch(`${baseUrl}${target}`, { headers: { authorization: `Bearer ${key}` } });
    const body = await response.text();
    if (response.status !== 200)
      throw new Error(`${target} answered ${response.status}: ${body.slice(0, 300)}`);
    return JSON.parse(body);
  };
  // A team admin of bench team 0, with a key made through the management API.
  await client(async (db) => {
    await db.query(
      `UPDATE team_memberships SET role = 'admin' WHERE team_id = 'bench-team-0' AND user_id = 'bench-user-0'`,
    );
  });
  const created = await fetch(`${baseUrl}/key/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: 'bench-user-0', team_id: 'bench-team-0' }),
  }).then((response) => response.json());
  const teamAdminKey = created.key;

  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
  const month = `start_date=${monthAgo}&end_date=${today}`;
  const firstPage = await request(masterKey, '/spend/logs?limit=100');
  const cases = [
    ['proxy admin', masterKey, `/global/spend/report?${month}&group_by=team`],
    ['proxy admin', masterKey, `/global/spend/report?${month}&group_by=day`],
    ['proxy admin', masterKey, `/global/spend/report?${month}&group_by=key`],
    ['proxy admin', masterKey, `/global/spend/report?${month}&group_by=user`],
    ['proxy admin', masterKey, `/global/spend/report?${month}&group_by=end_user`],
    ['proxy admin', masterKey, `/global/spend/report?${month}&group_by=model`],
    ['proxy admin', masterKey, `/global/spend/report?${month}&group_by=day&customer_id=customer-7`],
    ['team admin', teamAdminKey, `/global/spend/report?${month}&group_by=key`],
    ['proxy admin', masterKey, '/spend/logs?limit=100'],
    ['proxy admin', masterKey, `/spend/logs?limit=100&cursor=${firstPage.next_cursor}`],
    ['proxy admin', masterKey, '/spend/logs?limit=100&team_id=bench-team-3'],
    ['proxy admin', masterKey, '/spend/logs?limit=100&end_user=customer-7'],
    ['proxy admin', masterKey, '/spend/logs?limit=100&model=nova-lite&status=error'],
    ['proxy admin', masterKey, `/spend/logs?limit=100&start_date=${monthAgo}&end_date=${monthAgo}`],
    ['team admin', teamAdminKey, '/spend/logs?limit=100'],
    ['proxy admin', masterKey, '/spend/keys?limit=100'],
    ['proxy admin', masterKey, '/spend/teams'],
  ];
  const lines = [
    `${Number(counts.logs).toLocaleString('en')} spend rows, ${Number(counts.rollup).toLocaleString('en')} ` +
      `daily_spend_rollup rows, ${Number(counts.daily).toLocaleString('en')} daily_spend rows; ` +
      `${runs} runs per request after one warm-up, one at a time.`,
    '',
    '| caller | request | median ms | max ms |',
    '| --- | --- | ---: | ---: |',
  ];
  for (const [caller, key, target] of cases) {
    await request(key, target);
    const times = [];
    for (let run = 0; run < runs; run++) {
      const startedAt = performance.now();
      await request(key, target);
      times.push(performance.now() - startedAt);
    }
    times.sort((a, b) => a - b);
    const shown = target.replace(masterKey, '…').replace(/cursor=[^&]+/, 'cursor=<page 1’s next_cursor>');
    lines.push(
      `| ${caller} | \`${shown}\` | ${times[Math.floor(runs / 2)].toFixed(1)} | ${times.at(-1).toFixed(1)} |`,
    );
  }
  console.log(lines.join('\n'));
}

async function client(work) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

try {
  await main();
} finally {
  await stopAll();
  if (!options.keep) {
    const { databaseNameOf, quoteIdentifier, withMaintenanceClient } =
      await import('../scripts/lib/postgres-admin.mjs');
    await withMaintenanceClient(databaseUrl, (db) =>
      db.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(databaseNameOf(databaseUrl))} WITH (FORCE)`),
    );
  }
}
