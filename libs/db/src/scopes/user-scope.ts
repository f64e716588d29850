// Which users a caller may see or change. Every user query takes one first; a user outside it does not
// exist for that caller.
import type { Prisma } from '../generated/client';

export interface UserScope {
  all: boolean;
  userId?: string;
  /** Members of these teams are in scope. */
  teamIds: readonly string[];
}

/** Every user: for inputs of an access decision that itself answers "not found" (the key grant policy). */
export const ALL_USERS: UserScope = Object.freeze({ all: true, teamIds: Object.freeze([]) });

export function userScopeWhere(scope: UserScope): Prisma.UserWhereInput {
  if (scope.all) return {};
  const visible: Prisma.UserWhereInput[] = [];
  if (scope.userId) visible.push({ id: scope.userId });
  if (scope.teamIds.length > 0)
    visible.push({ memberships: { some: { teamId: { in: [...scope.teamIds] } } } });
  return { OR: visible };
}
