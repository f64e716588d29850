// What authentication caches per key: the Principal built from the key (found by its current or
// grace-period hash) with its team, user and the user's team memberships, and the checks a request makes.
import type { KeyWithOwners } from '@quarry/db';
import { asRecord } from '../../platform/config/is-object';
import type { Principal, PrincipalKey, PrincipalMember } from './principal';

/** What a request checks on a cache hit: plain numbers and flags, no allocation. */
export interface CachedKey {
  principal: Principal;
  /** Set when the presented secret is the pre-regeneration one: it works until then (ms since epoch). */
  graceEndsAt: number | null;
  expiresAt: number | null;
  keyBlocked: boolean;
  teamBlocked: boolean;
}

export function cachedKeyFrom(record: KeyWithOwners, presentedHash: string): CachedKey {
  const usedPreviousSecret = record.hash !== presentedHash;
  return {
    principal: principalFrom(record),
    graceEndsAt: usedPreviousSecret ? (record.previousHashExpires?.getTime() ?? 0) : null,
    expiresAt: record.expiresAt?.getTime() ?? null,
    keyBlocked: record.blocked,
    teamBlocked: record.team?.blocked ?? false,
  };
}

function principalFrom(record: KeyWithOwners): Principal {
  const { team, user } = record;
  // A key bound to a team acts only in that team: its user's rights in other teams (team admin of
  // another team, say) stay with the user's own keys, or a team admin could mint them by binding a key.
  const memberships = (user?.memberships ?? []).filter(
    (membership) => record.teamId === null || membership.teamId === record.teamId,
  );
  return deepFreeze({
    kind: 'key',
    userId: record.userId ?? undefined,
    teamId: record.teamId ?? undefined,
    role: user?.role ?? 'internal_user',
    key: {
      id: record.id,
      alias: record.alias,
      displayKey: record.displayKey,
      teamId: record.teamId,
      userId: record.userId,
      models: record.models,
      aliases: asStringRecord(record.aliases),
      metadata: asRecord(record.metadata),
      maxBudget: record.maxBudget,
      budgetDuration: record.budgetDuration,
      rpmLimit: record.rpmLimit,
      tpmLimit: record.tpmLimit,
      maxParallelRequests: record.maxParallelRequests,
      spend: record.spend,
      expiresAt: record.expiresAt,
      softBudget: record.softBudget,
      modelBudgets: modelBudgetsOf(record.modelMaxBudget),
    },
    team: team
      ? {
          id: team.id,
          alias: team.alias,
          models: team.models,
          blocked: team.blocked,
          maxBudget: team.maxBudget,
          budgetDuration: team.budgetDuration,
          rpmLimit: team.rpmLimit,
          tpmLimit: team.tpmLimit,
          maxParallelRequests: team.maxParallelRequests,
          spend: team.spend,
          metadata: asRecord(team.metadata),
        }
      : undefined,
    user: user
      ? {
          id: user.id,
          email: user.email,
          role: user.role,
          models: user.models,
          maxBudget: user.maxBudget,
          budgetDuration: user.budgetDuration,
          rpmLimit: user.rpmLimit,
          tpmLimit: user.tpmLimit,
          maxParallelRequests: user.maxParallelRequests,
          spend: user.spend,
        }
      : undefined,
    member: memberOf(record, memberships),
    teamAdminOf: memberships
      .filter((membership) => membership.role === 'admin')
      .map((membership) => membership.teamId),
    teamMemberOf: memberships.map((membership) => membership.teamId),
  });
}

function memberOf(
  record: KeyWithOwners,
  memberships: NonNullable<KeyWithOwners['user']>['memberships'],
): PrincipalMember | undefined {
  const membership = memberships.find((candidate) => candidate.teamId === record.teamId);
  if (!membership || !record.userId) return undefined;
  return {
    teamId: membership.teamId,
    userId: record.userId,
    maxBudgetInTeam: membership.maxBudgetInTeam,
    budgetDuration: membership.budgetDuration,
  };
}

/** Stored as validated by /key/*; anything unreadable is left out rather than guessed. */
function modelBudgetsOf(value: unknown): PrincipalKey['modelBudgets'] {
  const budgets: Record<string, { maxBudget: number; duration: string | null }> = {};
  for (const [model, entry] of Object.entries(asRecord(value))) {
    const { budget_limit: limit, time_period: period } = asRecord(entry);
    if (typeof limit === 'number')
      budgets[model] = { maxBudget: limit, duration: typeof period === 'string' ? period : null };
  }
  return budgets;
}

function asStringRecord(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, target] of Object.entries(asRecord(value)))
    if (typeof target === 'string') result[name] = target;
  return result;
}

/** The principal is shared by concurrent requests: freezing it turns an accidental mutation into an error. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
