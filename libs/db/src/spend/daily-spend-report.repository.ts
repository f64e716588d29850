// Spend over a range of days, grouped, from the daily roll-up (never from spend_logs): a report over a
// month reads at most one row per day × team × key × user × end user × model × status, however many
// requests there were (/global/spend/report).
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

  /** Sums per day, group and model, ordered by day, then group, then model. */
  async grouped(
    scope: SpendScope,
    filter: SpendFilter,
    days: DayRange,
    dimension: SpendDimension,
  ): Promise<DailySpendGroup[]> {
    const conditions = [
      spendScopeSql(scope),
      ...spendFilterSql(filter),
      Prisma.sql`day BETWEEN ${days.from}::date AND ${days.to}::date`,
    ];
    const rows = await this.prisma.$queryRaw<Array<Record<keyof DailySpendGroup, unknown>>>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, ${DIMENSION_COLUMN[dimension]} AS "group", model_name AS model,
             sum(spend) AS spend, sum(prompt_tokens) AS "promptTokens",
             sum(completion_tokens) AS "completionTokens", sum(requests) AS requests,
             coalesce(sum(requests) FILTER (WHERE status = 'success'), 0) AS "successfulRequests"
      FROM daily_spend_rollup
      WHERE ${Prisma.join(conditions, ' AND ')}
      GROUP BY 1, 2, 3
      ORDER BY 1, 2, 3`;
    return rows.map((row) => ({
      day: String(row.day),
      group: String(row.group),
      model: String(row.model),
      spend: Number(row.spend),
      promptTokens: Number(row.promptTokens),
      completionTokens: Number(row.completionTokens),
      requests: Number(row.requests),
      successfulRequests: Number(row.successfulRequests),
    }));
  }
}
