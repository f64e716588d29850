// Spend rows one by one, newest first, a page at a time (/spend/logs). Pages are keyset pages on
// (start_time, id), so page 1,000 costs what page 1 does, and rows written meanwhile never shift a page.
import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/client';
import { PrismaService } from '../prisma.service';
import { spendScopeSql, type SpendScope } from '../scopes/spend-scope';
import { spendFilterSql, type SpendFilter } from './spend-filter';

export interface SpendLogEntry {
  id: bigint;
  requestId: string;
  callType: string;
  keyId: string | null;
  teamId: string | null;
  userId: string | null;
  endUser: string | null;
  modelName: string;
  deploymentId: string | null;
  bedrockModel: string | null;
  promptTokens: number;
  completionTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  totalTokens: number;
  cost: number;
  latencyMs: number;
  ttftMs: number | null;
  status: string;
  httpStatus: number;
  errorType: string | null;
  serviceTier: string | null;
  startTime: Date;
}

/** Where the previous page ended: the last row's start time and id. */
export interface SpendLogCursor {
  startTime: Date;
  id: bigint;
}

export interface TimeRange {
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

@Injectable()
export class SpendLogsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Up to `limit` rows after `cursor`, newest first. */
  page(
    scope: SpendScope,
    filter: SpendFilter & { requestId?: string },
    range: TimeRange,
    cursor: SpendLogCursor | undefined,
    limit: number,
  ): Promise<SpendLogEntry[]> {
    // start_time holds UTC without a zone: bounds are converted the same way the writer converts rows.
    const utc = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
    const conditions = [spendScopeSql(scope), ...spendFilterSql(filter)];
    if (filter.requestId !== undefined) conditions.push(Prisma.sql`request_id = ${filter.requestId}`);
    if (range.from) conditions.push(Prisma.sql`start_time >= ${utc(range.from)}`);
    if (range.to) conditions.push(Prisma.sql`start_time < ${utc(range.to)}`);
    if (cursor) conditions.push(Prisma.sql`(start_time, id) < (${utc(cursor.startTime)}, ${cursor.id})`);
    return this.prisma.$queryRaw<SpendLogEntry[]>`
      SELECT id, request_id AS "requestId", call_type AS "callType", token_id AS "keyId", team_id AS "teamId",
             user_id AS "userId", end_user AS "endUser", model_name AS "modelName", model_id AS "deploymentId",
             bedrock_model AS "bedrockModel", prompt_tokens AS "promptTokens",
             completion_tokens AS "completionTokens", cache_read_tokens AS "cacheReadTokens",
             cache_write_tokens AS "cacheWriteTokens", total_tokens AS "totalTokens", cost,
             latency_ms AS "latencyMs", time_to_first_token_ms AS "ttftMs", status, http_status AS "httpStatus",
             error_type AS "errorType", service_tier AS "serviceTier", start_time AS "startTime"
      FROM spend_logs
      WHERE ${Prisma.join(conditions, ' AND ')}
      ORDER BY start_time DESC, id DESC
      LIMIT ${limit}`;
  }
}
