// One statement per batch: the spend rows and both daily roll-ups (daily_spend, daily_spend_rollup) are
// written from the same unnest(column arrays), so a batch costs one round trip however many days, keys
// and models it spans, and the roll-ups can never disagree with the rows they summarise.
import type { PrismaService } from '../prisma.service';
import type { SpendRecord } from './spend-record';
import { storableOptionalText, storableText } from './storable-text';

type RawExecutor = Pick<PrismaService, '$executeRaw'>;
export type SpendLogRow = ReturnType<typeof toSpendLogRow>;

/**
 * INSERT … SELECT FROM unnest(arrays) for the whole batch. Prisma's createMany costs about 0.5 ms of CPU
 * per row (its query compiler works per row and per field), this about 0.01 ms: at 1,000 requests a
 * second createMany alone took half a core and stalled the event loop for ~0.5 s per 1,000-row batch
 * (bench/README.md, "Hot-path findings"). Times go in as UTC ISO strings; start_time holds UTC, so its
 * ::date is the UTC day. The roll-ups group the batch by their primary keys first, so ON CONFLICT never
 * meets the same row twice in one statement.
 */
export function insertSpendBatch(tx: RawExecutor, rows: SpendLogRow[]) {
  const column = <K extends keyof SpendLogRow>(key: K) => rows.map((row) => row[key]);
  return tx.$executeRaw`
    WITH batch AS (
      SELECT request_id, call_type, token_id, team_id, user_id, end_user, model_name, model_id, bedrock_model,
             prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, total_tokens, cost,
             latency_ms, time_to_first_token_ms, status, http_status, error_type, service_tier,
             start_time AT TIME ZONE 'UTC' AS start_time
      FROM unnest(${column('requestId')}::text[], ${column('callType')}::text[], ${column('keyId')}::text[],
                  ${column('teamId')}::text[], ${column('userId')}::text[], ${column('endUser')}::text[],
                  ${column('modelName')}::text[], ${column('deploymentId')}::text[],
                  ${column('bedrockModel')}::text[], ${column('promptTokens')}::int[],
                  ${column('completionTokens')}::int[], ${column('cacheReadTokens')}::int[],
                  ${column('cacheWriteTokens')}::int[], ${column('totalTokens')}::int[],
                  ${column('cost')}::float8[], ${column('latencyMs')}::int[], ${column('ttftMs')}::int[],
                  ${column('status')}::text[], ${column('httpStatus')}::int[], ${column('errorType')}::text[],
                  ${column('serviceTier')}::text[],
                  ${rows.map((row) => row.startTime.toISOString())}::timestamptz[])
        AS batch(request_id, call_type, token_id, team_id, user_id, end_user, model_name, model_id, bedrock_model,
                 prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, total_tokens, cost,
                 latency_ms, time_to_first_token_ms, status, http_status, error_type, service_tier, start_time)
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

export function toSpendLogRow(record: SpendRecord) {
  return {
    requestId: storableText(record.requestId),
    callType: storableText(record.callType),
    keyId: storableOptionalText(record.keyId),
    teamId: storableOptionalText(record.teamId),
    userId: storableOptionalText(record.userId),
    endUser: storableOptionalText(record.endUser),
    modelName: storableText(record.modelName),
    deploymentId: storableOptionalText(record.deploymentId),
    bedrockModel: storableOptionalText(record.bedrockModel),
    promptTokens: record.promptTokens,
    completionTokens: record.completionTokens,
    cacheReadTokens: record.cacheReadTokens,
    cacheWriteTokens: record.cacheWriteTokens,
    totalTokens: record.promptTokens + record.completionTokens,
    cost: record.cost,
    latencyMs: Math.round(record.latencyMs),
    ttftMs: record.ttftMs === undefined ? null : Math.round(record.ttftMs),
    status: record.status,
    httpStatus: record.httpStatus,
    errorType: storableOptionalText(record.errorType),
    serviceTier: storableOptionalText(record.serviceTier),
    startTime: record.startTime,
  };
}
