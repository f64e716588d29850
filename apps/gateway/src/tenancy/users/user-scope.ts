// Which users a caller may see (themselves; team admins also their teams' members) or change (themselves).
import type { Prisma } from '@quarry/db';
import { canReadEverything, isProxyAdmin, type Principal } from '../auth/principal';

export interface UserScope {
  all: boolean;
  userId?: string;
  /** Members of these teams are visible. */
  teamIds: readonly string[];
}

export function userScopeFor(principal: Principal, purpose: 'read' | 'write'): UserScope {
  if (purpose === 'read' ? canReadEverything(principal) : isProxyAdmin(principal))
    return { all: true, teamIds: [] };
  return { all: false, userId: principal.userId, teamIds: purpose === 'read' ? principal.teamAdminOf : [] };
}

export function userScopeWhere(scope: UserScope): Prisma.UserWhereInput {
  if (scope.all) return {};
  const visible: Prisma.UserWhereInput[] = [];
  if (scope.userId) visible.push({ id: scope.userId });
  if (scope.teamIds.length > 0)
    visible.push({ memberships: { some: { teamId: { in: [...scope.teamIds] } } } });
  return { OR: visible };
}
