// Which users a caller may see (themselves; team admins also their teams' members) or change (themselves).
import type { UserScope } from '@quarry/db';
import { canReadEverything, isProxyAdmin, type Principal } from '../auth/principal';

export function userScopeFor(principal: Principal, purpose: 'read' | 'write'): UserScope {
  if (purpose === 'read' ? canReadEverything(principal) : isProxyAdmin(principal))
    return { all: true, teamIds: [] };
  return { all: false, userId: principal.userId, teamIds: purpose === 'read' ? principal.teamAdminOf : [] };
}
