// Whose spend a caller may read. Every spend report query takes one first; spend booked outside it does
// not exist for that caller (a filter on another tenant's team or key simply finds nothing).
import { Prisma } from '../generated/client';

export interface SpendScope {
  all: boolean;
  /** Spend of these teams is in scope (the caller is a team admin there). */
  teamIds: readonly string[];
  /** Spend booked to this user is in scope. */
  userId?: string;
  /** When set, only this user's spend in this team: a team key does not reach its user's other spend. */
  userTeamId?: string;
  /** Spend of this key is in scope (a key may always read its own). */
  keyId?: string;
}

/** The scope as a WHERE condition on spend_logs or daily_spend_rollup (both name their columns alike). */
export function spendScopeSql(scope: SpendScope): Prisma.Sql {
  if (scope.all) return Prisma.sql`TRUE`;
  const visible: Prisma.Sql[] = [];
  if (scope.teamIds.length > 0) visible.push(Prisma.sql`team_id IN (${Prisma.join([...scope.teamIds])})`);
  if (scope.userId)
    visible.push(
      scope.userTeamId
        ? Prisma.sql`(user_id = ${scope.userId} AND team_id = ${scope.userTeamId})`
        : Prisma.sql`user_id = ${scope.userId}`,
    );
  if (scope.keyId) visible.push(Prisma.sql`token_id = ${scope.keyId}`);
  return visible.length > 0 ? Prisma.sql`(${Prisma.join(visible, ' OR ')})` : Prisma.sql`FALSE`;
}
