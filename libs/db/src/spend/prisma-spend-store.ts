// Writes a batch of spend rows, the daily roll-up and the key/team/user totals in one transaction,
// so reports and totals never disagree with the rows they summarise.
// Spend rows are written as the system, not for a caller: each row carries the key, team and user it is
// booked to, so no caller scope applies.
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import type { SpendRecord } from './spend-record';
import type { SpendStore } from './spend-store';
import type { SpendTotals } from './spend-totals';
import { storableJson, storableOptionalText, storableText } from './storable-text';

/** Longest error text kept with a dead letter (Postgres messages quote the value that failed). */
const DEAD_LETTER_ERROR_CHARS = 2_000;

@Injectable()
export class PrismaSpendStore implements SpendStore {
  constructor(private readonly prisma: PrismaService) {}

  async write(rows: SpendRecord[], totals: SpendTotals): Promise<void> {
    await this.prisma.$transaction((tx) => writeSpendIn(tx, rows, totals));
  }

  async setAside(row: SpendRecord, error: unknown): Promise<void> {
    await this.prisma.spendDeadLetter.create({
      data: {
        requestId: storableText(String(row.requestId)),
        row: storableJson(row) as object,
        error: storableText(describeError(error)).slice(0, DEAD_LETTER_ERROR_CHARS),
      },
    });
  }

  async isReachable(): Promise<boolean> {
    try {
      await this.prisma.$queryRaw`SELECT 1`;
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Writes rows, the daily roll-up and the totals inside the caller's transaction (the batch worker books
 * a batch's cost in the same transaction that marks the batch collected, so it is booked exactly once).
 */
export async function writeSpendIn(
  tx: Pick<PrismaService, '$executeRaw'>,
  rows: SpendRecord[],
  totals: SpendTotals,
): Promise<void> {
  const daily = rollUpByDay(rows);
  if (rows.length > 0) await insertSpendLogs(tx, rows.map(toRow));
  for (const day of daily) {
    await tx.$executeRaw`
      INSERT INTO daily_spend (day, token_id, team_id, user_id, model_name, requests, successes, failures,
                               prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, cost)
      VALUES (${day.day}::date, ${day.keyId}, ${day.teamId}, ${day.userId}, ${day.modelName}, ${day.requests},
              ${day.successes}, ${day.failures}, ${day.promptTokens}, ${day.completionTokens},
              ${day.cacheReadTokens}, ${day.cacheWriteTokens}, ${day.cost})
      ON CONFLICT (day, token_id, team_id, user_id, model_name) DO UPDATE SET
        requests = daily_spend.requests + EXCLUDED.requests,
        successes = daily_spend.successes + EXCLUDED.successes,
        failures = daily_spend.failures + EXCLUDED.failures,
        prompt_tokens = daily_spend.prompt_tokens + EXCLUDED.prompt_tokens,
        completion_tokens = daily_spend.completion_tokens + EXCLUDED.completion_tokens,
        cache_read_tokens = daily_spend.cache_read_tokens + EXCLUDED.cache_read_tokens,
        cache_write_tokens = daily_spend.cache_write_tokens + EXCLUDED.cache_write_tokens,
        cost = daily_spend.cost + EXCLUDED.cost`;
  }
  for (const [id, cost] of totals.keys)
    await tx.$executeRaw`UPDATE virtual_keys SET spend = spend + ${cost} WHERE token_id = ${id}`;
  for (const [id, cost] of totals.teams)
    await tx.$executeRaw`UPDATE teams SET spend = spend + ${cost} WHERE team_id = ${id}`;
  for (const [id, cost] of totals.users)
    await tx.$executeRaw`UPDATE users SET spend = spend + ${cost} WHERE user_id = ${id}`;
}

/** Prisma wraps the driver's error; the Postgres message underneath says what was refused. */
function describeError(error: unknown): string {
  const cause = (
    error as { meta?: { driverAdapterError?: { cause?: { code?: unknown; message?: unknown } } } }
  )?.meta?.driverAdapterError?.cause;
  if (cause && typeof cause.message === 'string')
    return `${String(cause.code ?? '')} ${cause.message}`.trim();
  return error instanceof Error ? error.message : String(error);
}

type SpendLogRow = ReturnType<typeof toRow>;
type RawExecutor = Pick<PrismaService, '$executeRaw'>;

/**
 * One INSERT … SELECT FROM unnest(column arrays) for the whole batch. Prisma's createMany costs about
 * 0.5 ms of CPU per row (its query compiler works per row and per field), this about 0.01 ms: at 1,000
 * requests a second createMany alone took half a core and stalled the event loop for ~0.5 s per
 * 1,000-row batch (bench/README.md, "Hot-path findings"). Times go in as UTC ISO strings.
 */
function insertSpendLogs(tx: RawExecutor, rows: SpendLogRow[]) {
  const column = <K extends keyof SpendLogRow>(key: K) => rows.map((row) => row[key]);
  return tx.$executeRaw`
    INSERT INTO spend_logs (request_id, call_type, token_id, team_id, user_id, end_user, model_name, model_id,
                            bedrock_model, prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens,
                            total_tokens, cost, latency_ms, time_to_first_token_ms, status, http_status, error_type,
                            service_tier, start_time)
    SELECT request_id, call_type, token_id, team_id, user_id, end_user, model_name, model_id, bedrock_model,
           prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, total_tokens, cost, latency_ms,
           time_to_first_token_ms, status, http_status, error_type, service_tier, start_time AT TIME ZONE 'UTC'
    FROM unnest(${column('requestId')}::text[], ${column('callType')}::text[], ${column('keyId')}::text[],
                ${column('teamId')}::text[], ${column('userId')}::text[], ${column('endUser')}::text[],
                ${column('modelName')}::text[], ${column('deploymentId')}::text[], ${column('bedrockModel')}::text[],
                ${column('promptTokens')}::int[], ${column('completionTokens')}::int[],
                ${column('cacheReadTokens')}::int[], ${column('cacheWriteTokens')}::int[],
                ${column('totalTokens')}::int[], ${column('cost')}::float8[], ${column('latencyMs')}::int[],
                ${column('ttftMs')}::int[], ${column('status')}::text[], ${column('httpStatus')}::int[],
                ${column('errorType')}::text[], ${column('serviceTier')}::text[],
                ${rows.map((row) => row.startTime.toISOString())}::timestamptz[])
      AS batch(request_id, call_type, token_id, team_id, user_id, end_user, model_name, model_id, bedrock_model,
               prompt_tokens, completion_tokens, cache_read_tokens, cache_write_tokens, total_tokens, cost,
               latency_ms, time_to_first_token_ms, status, http_status, error_type, service_tier, start_time)`;
}

function toRow(record: SpendRecord) {
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

interface DailyRow {
  day: string;
  keyId: string;
  teamId: string;
  userId: string;
  modelName: string;
  requests: number;
  successes: number;
  failures: number;
  promptTokens: number;
  completionTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cost: number;
}

/** Sums rows per (UTC day, key, team, user, model): one upsert per group instead of one per row. */
export function rollUpByDay(rows: SpendRecord[]): DailyRow[] {
  const groups = new Map<string, DailyRow>();
  for (const row of rows) {
    const day = row.startTime.toISOString().slice(0, 10);
    const modelName = storableText(row.modelName);
    const group = [day, row.keyId ?? '', row.teamId ?? '', row.userId ?? '', modelName].join('\u0000');
    let daily = groups.get(group);
    if (!daily) {
      daily = {
        day,
        keyId: row.keyId ?? '',
        teamId: row.teamId ?? '',
        userId: row.userId ?? '',
        modelName,
        requests: 0,
        successes: 0,
        failures: 0,
        promptTokens: 0,
        completionTokens: 0,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        cost: 0,
      };
      groups.set(group, daily);
    }
    daily.requests++;
    if (row.status === 'success') daily.successes++;
    else daily.failures++;
    daily.promptTokens += row.promptTokens;
    daily.completionTokens += row.completionTokens;
    daily.cacheReadTokens += row.cacheReadTokens;
    daily.cacheWriteTokens += row.cacheWriteTokens;
    daily.cost += row.cost;
  }
  return [...groups.values()];
}
