// Filters shared by the spend reports: each given field narrows by equality on a column that spend_logs
// and daily_spend_rollup both have. Values are bound parameters, never spliced into the SQL.
import { Prisma } from '../generated/client';

export interface SpendFilter {
  /** Keys by id (a key given by its secret or alias, resolved in the caller's scope); empty finds nothing. */
  keyIds?: readonly string[];
  teamId?: string;
  userId?: string;
  endUser?: string;
  model?: string;
  status?: 'success' | 'error' | 'aborted';
}

export function spendFilterSql(filter: SpendFilter): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filter.keyIds !== undefined)
    conditions.push(
      filter.keyIds.length > 0
        ? Prisma.sql`token_id IN (${Prisma.join([...filter.keyIds])})`
        : Prisma.sql`FALSE`,
    );
  if (filter.teamId !== undefined) conditions.push(Prisma.sql`team_id = ${filter.teamId}`);
  if (filter.userId !== undefined) conditions.push(Prisma.sql`user_id = ${filter.userId}`);
  if (filter.endUser !== undefined) conditions.push(Prisma.sql`end_user = ${filter.endUser}`);
  if (filter.model !== undefined) conditions.push(Prisma.sql`model_name = ${filter.model}`);
  if (filter.status !== undefined) conditions.push(Prisma.sql`status = ${filter.status}`);
  return conditions;
}
