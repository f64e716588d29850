// Which keys a caller may see or change. Repository queries take this first, so an out-of-scope key is
// simply not found.
import type { Prisma } from '@quarry/db';
import { canReadEverything, isProxyAdmin, type Principal } from '../auth/principal';

export interface KeyScope {
  all: boolean;
  /** Teams whose keys are in scope (the caller is a team admin there). */
  teamIds: readonly string[];
  /** Keys owned by this user are in scope. */
  userId?: string;
  /** When set, only the user's keys in this team: a team key does not reach its user's personal keys. */
  userKeysTeamId?: string;
  /** This key itself is in scope (a key may always read its own info). */
  keyId?: string;
}

export function keyScopeFor(principal: Principal, purpose: 'read' | 'write'): KeyScope {
  if (purpose === 'read' ? canReadEverything(principal) : isProxyAdmin(principal))
    return { all: true, teamIds: [] };
  const mayManageOwn = purpose === 'read' || principal.role === 'internal_user';
  return {
    all: false,
    teamIds: principal.teamAdminOf,
    userId: mayManageOwn ? principal.userId : undefined,
    userKeysTeamId: principal.teamId,
    keyId: purpose === 'read' ? principal.keyId : undefined,
  };
}

export function keyScopeWhere(scope: KeyScope): Prisma.VirtualKeyWhereInput {
  if (scope.all) return {};
  const visible: Prisma.VirtualKeyWhereInput[] = [];
  if (scope.teamIds.length > 0) visible.push({ teamId: { in: [...scope.teamIds] } });
  if (scope.userId)
    visible.push(
      scope.userKeysTeamId
        ? { userId: scope.userId, teamId: scope.userKeysTeamId }
        : { userId: scope.userId },
    );
  if (scope.keyId) visible.push({ id: scope.keyId });
  // An empty OR matches nothing, which is what an empty scope means.
  return { OR: visible };
}
