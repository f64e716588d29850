// "No caller grants more than it has" for keys. Proxy admins may write any key. Everyone else writes
// keys only within the team they administer, or personal keys for themselves, and never beyond the
// team's (or, for personal keys, their own user's) models, budget and limits. A key bound to a user
// carries that user's role, so nobody but a proxy admin may bind a key to an admin user, nor to a user
// who administers a team the caller does not (the key is confined to its own team anyway, see
// cached-key.ts; this refusal is the second line of defence). Only a key without a team (a personal key)
// may write its user's personal keys.
import type { TeamRecord, UserRecord, UserWithTeams } from '@quarry/db';
import { entriesBeyond } from '../access/model-grant';
import { forbidden, notFound } from '../auth/management-errors';
import { isProxyAdmin, isTeamAdmin, type Limits, type Principal } from '../auth/principal';
import { NUMERIC_LIMITS } from '../limit-fields/limit-changes';
import type { ModelCatalog } from '../models/model-catalog';
import { OpenAIError } from '@quarry/openai';

/** The key as it would be after the write. */
export interface DesiredKey extends Limits {
  teamId: string | null;
  userId: string | null;
  models: readonly string[];
}

export interface KeyGrantContext {
  /** The desired team, if any (null when it does not exist). */
  team: TeamRecord | null;
  /** The desired user, if any, with the teams they belong to. */
  user: UserWithTeams | null;
  /** The calling user's own record (bounds personal keys). */
  caller: UserRecord | null;
}

const ADMIN_ROLES = new Set(['proxy_admin', 'proxy_admin_viewer']);

export function assertKeyGrant(
  principal: Principal,
  desired: DesiredKey,
  context: KeyGrantContext,
  catalog: ModelCatalog,
): void {
  if (desired.teamId !== null && !context.team) throw notFound('Team', 'team_id');
  if (desired.userId !== null && !context.user) throw notFound('User', 'user_id');
  if (isProxyAdmin(principal)) return;

  const self = principal.userId;
  if (desired.teamId !== null && !principal.teamMemberOf.includes(desired.teamId))
    throw notFound('Team', 'team_id');
  // A user who shares no team with the caller belongs to another tenant: exactly as if it did not exist.
  if (desired.userId !== null && desired.userId !== self) {
    const shared = context.user!.memberships.some((membership) =>
      principal.teamMemberOf.includes(membership.teamId),
    );
    if (!shared) throw notFound('User', 'user_id');
  }
  if (desired.teamId !== null) {
    const teamAdmin = isTeamAdmin(principal, desired.teamId);
    if (!teamAdmin && desired.userId !== self)
      throw forbidden('Only team admins can manage keys for other members of the team.', 'user_id');
  } else if (!self || desired.userId !== self) {
    throw forbidden(
      'Only proxy admins can manage keys that belong to no team and to another user (or to none).',
      'team_id',
    );
  } else if (principal.teamId !== undefined) {
    throw forbidden('A team key cannot manage personal keys (keys without a team).', 'team_id');
  }

  if (desired.userId !== null && desired.userId !== self) {
    const user = context.user!;
    if (!user.memberships.some((membership) => membership.teamId === desired.teamId))
      throw OpenAIError.badRequest(
        "user_id must be a member of the key's team.",
        'user_id',
        'user_not_in_team',
      );
    if (ADMIN_ROLES.has(user.role))
      throw forbidden('Only proxy admins can create or change keys of admin users.', 'user_id');
    const adminOf = user.memberships.filter((membership) => membership.role === 'admin');
    if (adminOf.some((membership) => !principal.teamAdminOf.includes(membership.teamId)))
      throw forbidden(
        'Only proxy admins can create or change keys of a user who is an admin of a team you do not administer.',
        'user_id',
      );
  }

  const bound: (Limits & { models: readonly string[] }) | null =
    desired.teamId !== null ? context.team : context.caller;
  if (!bound) return;
  const beyond = entriesBeyond(bound.models, desired.models, catalog);
  if (beyond.length > 0) {
    const owner = desired.teamId !== null ? "the team's" : 'your';
    throw forbidden(
      `models ${beyond.map((entry) => `'${entry}'`).join(', ')} go beyond ${owner} models.`,
      'models',
    );
  }
  for (const [name, column] of NUMERIC_LIMITS) {
    const limit = bound[column];
    const wanted = desired[column];
    if (typeof limit === 'number' && typeof wanted === 'number' && wanted > limit)
      throw forbidden(
        `${name} ${wanted} is larger than ${desired.teamId !== null ? "the team's" : 'your'} ${name} (${limit}).`,
        name,
      );
  }
}

/** Blocking and unblocking is for proxy admins and the key's team admins; an owner cannot unblock itself. */
export function assertMayChangeBlock(principal: Principal, teamId: string | null): void {
  if (isProxyAdmin(principal) || isTeamAdmin(principal, teamId)) return;
  throw forbidden('Only proxy admins and team admins can block or unblock keys.', 'blocked');
}
