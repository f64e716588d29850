// Which keys a caller may see or change. Every key query takes one first, so a key outside it simply
// does not exist for that caller.
import type { Prisma } from '../generated/client';

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

/**
 * Every key. For reads that decide who the caller is (authentication), not for answering a caller:
 * using it says so at the call site.
 */
export const ALL_KEYS: KeyScope = Object.freeze({ all: true, teamIds: Object.freeze([]) });

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

/** Whether a key owned by this team and user would be in scope (checked before a key is created). */
export function keyOwnerInScope(
  scope: KeyScope,
  owner: { teamId: string | null; userId: string | null },
): boolean {
  if (scope.all) return true;
  if (owner.teamId !== null && scope.teamIds.includes(owner.teamId)) return true;
  return (
    scope.userId !== undefined &&
    owner.userId === scope.userId &&
    (scope.userKeysTeamId === undefined || owner.teamId === scope.userKeysTeamId)
  );
}
