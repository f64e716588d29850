// Whose spend a caller may read: everything for proxy admins and viewers; else the teams it administers,
// its user's own spend and its key's own. A team key stays in its team (its user's spend elsewhere is out
// of reach), like every other route (tenancy/keys/key-scope.ts draws the same line for keys).
import type { SpendScope } from '@quarry/db';
import { canReadEverything, type Principal } from '../../tenancy/auth/principal';

export function spendScopeFor(principal: Principal): SpendScope {
  if (canReadEverything(principal)) return { all: true, teamIds: [] };
  return {
    all: false,
    teamIds: principal.teamAdminOf,
    userId: principal.userId,
    userTeamId: principal.teamId,
    keyId: principal.key?.id,
  };
}
