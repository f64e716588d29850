// Which teams a caller may see or manage. Every team query takes one first; a team outside it does not
// exist for that caller.
import type { Prisma } from '../generated/client';

export interface TeamScope {
  all: boolean;
  teamIds: readonly string[];
}

/** Every team: for inputs of an access decision that itself answers "not found" (the key grant policy). */
export const ALL_TEAMS: TeamScope = Object.freeze({ all: true, teamIds: Object.freeze([]) });

export function teamScopeWhere(scope: TeamScope): Prisma.TeamWhereInput {
  return scope.all ? {} : { id: { in: [...scope.teamIds] } };
}
