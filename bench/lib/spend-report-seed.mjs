// The 1 M-row spend history of `bench/spend-reports.mjs`, made by Postgres itself (generate_series), not
// row by row from Node: 20 teams, 100 users, 200 keys, 1,000 end users, 5 models, 30 days up to now; 2% of
// requests failed, 1% aborted. The daily roll-ups are then built from the rows: daily_spend_rollup by the
// backfill statement of the migration that introduced it, daily_spend by the same sums the spend writer
// keeps (both are kept up to date batch by batch in production), and the running totals on keys, teams
// and users are set from the rows.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const TEAMS = 20;
export const USERS = 100;
export const KEYS = 200;
export const END_USERS = 1_000;
export const DAYS = 30;

/** The migration's backfill statement (from its `-- Backfill` comment to the end of the file). */
export function rollupBackfillSql(repositoryRoot) {
  const migrations = path.join(repositoryRoot, 'prisma', 'migrations');
  const folder = readdirSync(migrations).find((name) => name.endsWith('_spend_reports_rollup'));
  if (!folder) throw new Error('no *_spend_reports_rollup migration in prisma/migrations');
  const sql = readFileSync(path.join(migrations, folder, 'migration.sql'), 'utf8');
  const start = sql.indexOf('-- Backfill');
  if (start < 0) throw new Error(`${folder}/migration.sql has no "-- Backfill" statement`);
  return sql.slice(start);
}

/** Teams, users (each a member of one team), and keys (each of one team and one of its members). */
export async function seedTenants(client) {
  await client.query(
    `INSERT INTO teams (team_id, team_alias, max_budget, updated_at)
     SELECT 'bench-team-' || t, 'Bench team ' || t, 1000, now() FROM generate_series(0, $1 - 1) t`,
    [TEAMS],
  );
  await client.query(
    `INSERT INTO users (user_id, user_email, updated_at)
     SELECT 'bench-user-' || u, 'bench-user-' || u || '@example.com', now() FROM generate_series(0, $1 - 1) u`,
    [USERS],
  );
  await client.query(
    `INSERT INTO team_memberships (team_id, user_id, role)
     SELECT 'bench-team-' || (u % $1), 'bench-user-' || u, 'user' FROM generate_series(0, $2 - 1) u`,
    [TEAMS, USERS],
  );
  await client.query(
    `INSERT INTO virtual_keys (token_id, key_hash, key_name, key_alias, team_id, user_id, updated_at)
     SELECT 'bench-key-' || k, md5('bench-key-' || k), 'sk-…' || k, 'bench key ' || k,
            'bench-team-' || (k % $1), 'bench-user-' || (k % $2), now()
     FROM generate_series(0, $3 - 1) k`,
    [TEAMS, USERS, KEYS],
  );
}

/** `rows` spend rows spread evenly over the last DAYS days, key by key round-robin. */
export async function seedSpendLogs(client, rows) {
  await client.query(
    `INSERT INTO spend_logs (request_id, call_type, token_id, team_id, user_id, end_user, model_name, model_id,
                             bedrock_model, prompt_tokens, completion_tokens, total_tokens, cost, latency_ms,
                             status, http_status, start_time)
     SELECT 'bench-' || g, 'chat', 'bench-key-' || k, 'bench-team-' || (k % $2), 'bench-user-' || (k % $3),
            'customer-' || ((k * 5 + (g / ($4 * 5)) % 5) % $5),
            (ARRAY['claude-haiku', 'claude-sonnet', 'nova-lite', 'titan-embed', 'llama'])[1 + (g / $4) % 5],
            'deployment-' || ((g / $4) % 5), 'anthropic.claude-3-haiku-20240307-v1:0',
            100 + g % 900, 20 + g % 200, 120 + g % 900 + g % 200, 0.00001 * (1 + g % 100), 200 + g % 800,
            CASE WHEN g % 50 = 0 THEN 'error' WHEN g % 100 = 1 THEN 'aborted' ELSE 'success' END,
            CASE WHEN g % 50 = 0 THEN 500 ELSE 200 END,
            (now() AT TIME ZONE 'UTC') - make_interval(secs => (g::float8 / $1) * $6 * 86400)
     FROM generate_series(1, $1) g, LATERAL (SELECT g % $4 AS k) AS key`,
    [rows, TEAMS, USERS, KEYS, END_USERS, DAYS],
  );
}

/** daily_spend (no end user, no status), summed as the spend writer sums it. */
export async function seedDailySpend(client) {
  await client.query(
    `INSERT INTO daily_spend (day, token_id, team_id, user_id, model_name, requests, successes, failures,
                              prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, cost)
     SELECT start_time::date, coalesce(token_id, ''), coalesce(team_id, ''), coalesce(user_id, ''), model_name,
            count(*), count(*) FILTER (WHERE status = 'success'), count(*) FILTER (WHERE status <> 'success'),
            sum(prompt_tokens), sum(completion_tokens), sum(cache_read_tokens), sum(cache_write_tokens), sum(cost)
     FROM spend_logs GROUP BY 1, 2, 3, 4, 5`,
  );
}

/** The running totals on keys, teams and users, as the spend writer would have left them. */
export async function setTotals(client) {
  for (const [table, id, column] of [
    ['virtual_keys', 'token_id', 'token_id'],
    ['teams', 'team_id', 'team_id'],
    ['users', 'user_id', 'user_id'],
  ]) {
    await client.query(
      `UPDATE ${table} SET spend = totals.spend
       FROM (SELECT ${column} AS id, sum(cost) AS spend FROM spend_logs GROUP BY ${column}) AS totals
       WHERE ${table}.${id} = totals.id`,
    );
  }
}
