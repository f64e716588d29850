// One statement per batch: the spend rows and both daily roll-ups (daily_spend, daily_spend_rollup) are
// written from the same batch, so a batch costs one round trip however many days, keys and models it
// spans, and the roll-ups can never disagree with the rows they summarise.
import type { PrismaService } from '../prisma.service';
import type { SpendRecord } from './spend-record';
import { storableOptionalText, storableText } from './storable-text';

type RawExecutor = Pick<PrismaService, '$executeRaw'>;
export type SpendLogRow = ReturnType<typeof toSpendLogRow>;

/**
 * INSERT … SELECT FROM jsonb_to_recordset($batch) for the whole batch: the rows travel as one JSON text
 * parameter, serialised natively. Per row this costs about a quarter of what 22 column arrays did (Prisma
 * mapped, and node-postgres escaped, every element of every array: ~36 µs of CPU per row), and a small
 * fraction of createMany (~0.5 ms per row, its query compiler works per row and per field); bench/README.md,
 * "Hot-path findings". Times go in as UTC ISO strings; start_time holds UTC, so its ::date is the UTC day.
 * The roll-ups group the batch by their primary keys first, so ON CONFLICT never meets the same row twice
 * in one statement.
 */
export function insertSpendBatch(tx: RawExecutor, rows: SpendLogRow[]) {
  return tx.$executeRaw`
    WITH batch AS (
      SELECT request_id, call_type, token_id, team_id, user_id, end_user, model_name, model_id, bedrock_model,
             prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, total_tokens, cost,
             latency_ms, time_to_first_token_ms, status, http_status, error_type, service_tier,
             start_time AT TIME ZONE 'UTC' AS start_time
      FROM jsonb_to_recordset((${{ rows }}::jsonb)->'rows')
        AS batch(request_id text, call_type text, token_id text, team_id text, user_id text, end_user text,
                 model_name text, model_id text, bedrock_model text, prompt_tokens int, completion_tokens int,
                 cache_read_tokens int, cache_write_tokens int, total_tokens int, cost float8, latency_ms int,
                 time_to_first_token_ms int, status text, http_status int, error_type text, service_tier text,
                 start_time timestamptz)
    ),
    logs AS (
      INSERT INTO spend_logs (request_id, call_type, token_id, team_id, user_id, end_user, model_name, model_id,
                              bedrock_model, prompt_tokens, completion_tokens, cache_read_tokens,
                              cache_write_tokens, total_tokens, cost, latency_ms, time_to_first_token_ms, status,
                              http_status, error_type, service_tier, start_time)
      SELECT * FROM batch
    ),
    daily AS (
      INSERT INTO daily_spend (day, token_id, team_id, user_id, model_name, requests, successes, failures,
                               prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, cost)
      SELECT start_time::date, coalesce(token_id, ''), coalesce(team_id, ''), coalesce(user_id, ''), model_name,
             count(*), count(*) FILTER (WHERE status = 'success'), count(*) FILTER (WHERE status <> 'success'),
             sum(prompt_tokens), sum(completion_tokens), sum(cache_read_tokens), sum(cache_write_tokens), sum(cost)
      FROM batch GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT (day, token_id, team_id, user_id, model_name) DO UPDATE SET
        requests = daily_spend.requests + EXCLUDED.requests,
        successes = daily_spend.successes + EXCLUDED.successes,
        failures = daily_spend.failures + EXCLUDED.failures,
        prompt_tokens = daily_spend.prompt_tokens + EXCLUDED.prompt_tokens,
        completion_tokens = daily_spend.completion_tokens + EXCLUDED.completion_tokens,
        cache_read_tokens = daily_spend.cache_read_tokens + EXCLUDED.cache_read_tokens,
        cache_write_tokens = daily_spend.cache_write_tokens + EXCLUDED.cache_write_tokens,
        cost = daily_spend.cost + EXCLUDED.cost
    )
    INSERT INTO daily_spend_rollup (day, team_id, token_id, user_id, end_user, model_name, status, requests,
                                    prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, spend)
    SELECT start_time::date, coalesce(team_id, ''), coalesce(token_id, ''), coalesce(user_id, ''),
           coalesce(end_user, ''), model_name, status, count(*), sum(prompt_tokens), sum(completion_tokens),
           sum(cache_read_tokens), sum(cache_write_tokens), sum(cost)
    FROM batch GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (day, team_id, token_id, user_id, end_user, model_name, status) DO UPDATE SET
      requests = daily_spend_rollup.requests + EXCLUDED.requests,
      prompt_tokens = daily_spend_rollup.prompt_tokens + EXCLUDED.prompt_tokens,
      completion_tokens = daily_spend_rollup.completion_tokens + EXCLUDED.completion_tokens,
      cache_read_tokens = daily_spend_rollup.cache_read_tokens + EXCLUDED.cache_read_tokens,
      cache_write_tokens = daily_spend_rollup.cache_write_tokens + EXCLUDED.cache_write_tokens,
      spend = daily_spend_rollup.spend + EXCLUDED.spend`;
}

/** A spend row as the batch's JSON carries it: keyed by column, text made storable, times as ISO strings. */
export function toSpendLogRow(record: SpendRecord) {
  return {
    request_id: storableText(record.requestId),
    call_type: storableText(record.callType),
    token_id: storableOptionalText(record.keyId),
    team_id: storableOptionalText(record.teamId),
    user_id: storableOptionalText(record.userId),
    end_user: storableOptionalText(record.endUser),
    model_name: storableText(record.modelName),
    model_id: storableOptionalText(record.deploymentId),
    bedrock_model: storableOptionalText(record.bedrockModel),
    prompt_tokens: record.promptTokens,
    completion_tokens: record.completionTokens,
    cache_read_tokens: record.cacheReadTokens,
    cache_write_tokens: record.cacheWriteTokens,
    total_tokens: record.promptTokens + record.completionTokens,
    cost: jsonNumber(record.cost),
    latency_ms: Math.round(record.latencyMs),
    time_to_first_token_ms: record.ttftMs === undefined ? null : Math.round(record.ttftMs),
    status: record.status,
    http_status: record.httpStatus,
    error_type: storableOptionalText(record.errorType),
    service_tier: storableOptionalText(record.serviceTier),
    start_time: record.startTime.toISOString(),
  };
}

/** JSON has no NaN or Infinity (it would write null); as text, Postgres reads them into float8 as before. */
function jsonNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}
