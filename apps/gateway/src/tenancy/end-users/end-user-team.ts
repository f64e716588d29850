// Which team's end users a caller acts on. End users belong to a team (the namespace of the `user` sent
// with that team's keys; '' for keys without a team). Proxy admins act on any team; team admins on
// their own teams (a team admin of one team may leave team_id out); viewers and members read their
// teams. Anyone else finds nothing: another team's end users do not exist for them.
import type { EndUserScope } from '@quarry/db';
import { OpenAIError } from '@quarry/openai';
import { forbidden } from '../auth/management-errors';
import { canReadEverything, isProxyAdmin, type Principal } from '../auth/principal';

export function endUserScope(principal: Principal, access: 'read' | 'write'): EndUserScope {
  if (access === 'write' ? isProxyAdmin(principal) : canReadEverything(principal)) return 'all';
  return access === 'write' ? principal.teamAdminOf : principal.teamMemberOf;
}

/** The team named, or the caller's only team; a proxy admin without team_id means keys without a team. */
export function endUserTeam(
  principal: Principal,
  teamId: string | undefined,
  access: 'read' | 'write',
): string {
  if (teamId !== undefined) return teamId;
  const scope = endUserScope(principal, access);
  if (scope === 'all') return principal.teamId ?? '';
  if (scope.length === 1) return scope[0];
  if (scope.length === 0) throw forbidden('Only proxy admins and team admins manage end users.');
  throw OpenAIError.badRequest(
    'team_id is required: you manage the end users of more than one team',
    'team_id',
  );
}

export function endUserNotFound(param = 'user_id'): OpenAIError {
  return new OpenAIError(404, 'End user not found.', 'not_found_error', param, 'end_user_not_found');
}
