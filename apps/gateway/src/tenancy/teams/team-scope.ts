// Which teams a caller may see (members see their teams) or manage (team admins manage theirs).
import type { TeamScope } from '@quarry/db';
import { canReadEverything, isProxyAdmin, type Principal } from '../auth/principal';

export function teamScopeFor(principal: Principal, purpose: 'read' | 'write'): TeamScope {
  if (purpose === 'read' ? canReadEverything(principal) : isProxyAdmin(principal))
    return { all: true, teamIds: [] };
  return { all: false, teamIds: purpose === 'read' ? principal.teamMemberOf : principal.teamAdminOf };
}
