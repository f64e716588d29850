// Which keys a caller may see or change. Repository queries take this first, so an out-of-scope key is
// simply not found.
import type { KeyScope } from '@quarry/db';
import { canReadEverything, isProxyAdmin, type Principal } from '../auth/principal';

export function keyScopeFor(principal: Principal, purpose: 'read' | 'write'): KeyScope {
  if (purpose === 'read' ? canReadEverything(principal) : isProxyAdmin(principal))
    return { all: true, teamIds: [] };
  const mayManageOwn = purpose === 'read' || principal.role === 'internal_user';
  return {
    all: false,
    teamIds: principal.teamAdminOf,
    userId: mayManageOwn ? principal.userId : undefined,
    userKeysTeamId: principal.teamId,
    keyId: purpose === 'read' ? principal.key?.id : undefined,
  };
}
