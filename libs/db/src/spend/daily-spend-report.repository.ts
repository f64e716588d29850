// Spend over a range of days, grouped, from the daily roll-ups (never from spend_logs): a report over a
// month reads at most one row per day × team × key × user (× end user × status when it needs them) ×
// model, however many requests there were (/global/spend/report).
import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/client';
import { PrismaService } from '../prisma.service';
import { spendScopeSql, type SpendScope } from '../scopes/spend-scope';
import { spendFilterSql, type SpendFilter } from './spend-filter';

export type SpendDimension = 'day' | 'team' | 'key' | 'user' | 'end_user' | 'model';

/** The roll-up column of each dimension; `day` groups by day alone. Fixed SQL, never request text. */
const DIMENSION_COLUMN: Record<SpendDimension, Prisma.Sql> = {
  day: Prisma.sql`''`,
  team: Prisma.sql`team_id`,
  key: Prisma.sql`token_id`,
  user: Prisma.sql`user_id`,
  end_user: Prisma.sql`end_user`,
  model: Prisma.sql`model_name`,
};

/** One day × group × model. `group` is '' for "none" (no team, no end user …) and for `day`. */
export interface DailySpendGroup {
  day: string;
  group: string;
  model: string;
  spend: number;
  promptTokens: number;
  completionTokens: number;
  requests: number;
  successfulRequests: number;
}

export interface DayRange {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
}

@Injectable()
export class DailySpendReportRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Sums per day, group and model, ordered by day and model (groups in no particular order). */
  async grouped(
    scope: SpendScope,
    filter: SpendFilter,
    days: DayRange,
    dimension: SpendDimension,
  ): Promise<DailySpendGroup[]> {
    const source = sourceFor(dimension, filter);
    const conditions = [
      spendScopeSql(scope),
      ...spendFilterSql(filter),
      Prisma.sql`day BETWEEN ${days.from}::date AND ${days.to}::date`,
    ];
    // Sums come back as float8: numeric sums would arrive as Decimal objects, slow to build by the 100,000.
    const rows = await this.prisma.$queryRaw<DailySpendGroup[]>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, ${DIMENSION_COLUMN[dimension]} AS "group", model_name AS model,
             ${source.spend}::float8 AS spend, sum(prompt_tokens)::float8 AS "promptTokens",
             sum(completion_tokens)::float8 AS "completionTokens", sum(requests)::float8 AS requests,
             ${source.successes}::float8 AS "successfulRequests"
      FROM ${source.table}
      WHERE ${Prisma.join(conditions, ' AND ')}
      GROUP BY day, 2, model_name
      ORDER BY day, model_name`;
    return rows;
  }
}

/**
 * daily_spend (day × team × key × user × model) is several times smaller than daily_spend_rollup, which
 * also splits by end user and status: reports that need neither read it. Both are written in the same
 * statement as the spend rows (spend-batch-insert.ts), so they always agree.
 */
function sourceFor(dimension: SpendDimension, filter: SpendFilter) {
  if (dimension === 'end_user' || filter.endUser !== undefined || filter.status !== undefined)
    return {
      table: Prisma.sql`daily_spend_rollup`,
      spend: Prisma.sql`sum(spend)`,
      successes: Prisma.sql`coalesce(sum(requests) FILTER (WHERE status = 'success'), 0)`,
    };
  return {
    table: Prisma.sql`daily_spend`,
    spend: Prisma.sql`sum(cost)`,
    successes: Prisma.sql`sum(successes)`,
  };
}
