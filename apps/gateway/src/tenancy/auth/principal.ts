// Who is calling: the master key or a virtual key (with its team and user). Built once per cache load and
// shared by every request that presents the same key, so route code must treat it as read-only.
import type { UserRole } from '@quarry/db';

/** Budgets and rate limits, enforced by the pipeline's limits step (docs/budgets-and-limits.md). */
export interface Limits {
  maxBudget: number | null;
  budgetDuration: string | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  maxParallelRequests: number | null;
}

export interface PrincipalKey extends Limits {
  id: string;
  alias: string | null;
  /** `sk-…abcd`, safe to log. */
  displayKey: string;
  teamId: string | null;
  userId: string | null;
  models: readonly string[];
  /** Model alias map: requested name → public model name. */
  aliases: Readonly<Record<string, string>>;
  metadata: Readonly<Record<string, unknown>>;
  /** Spend when the key was loaded into the cache (the spend module owns the live figure). */
  spend: number;
  expiresAt: Date | null;
  /** Past this spend answers carry a warning; nothing is refused. */
  softBudget: number | null;
  /** Budgets per public model name (model_max_budget). */
  modelBudgets: Readonly<Record<string, { maxBudget: number; duration: string | null }>>;
}

/** The key's user as a member of the key's team: max_budget_in_team. */
export interface PrincipalMember {
  teamId: string;
  userId: string;
  maxBudgetInTeam: number | null;
  budgetDuration: string | null;
}

export interface PrincipalTeam extends Limits {
  id: string;
  alias: string | null;
  models: readonly string[];
  blocked: boolean;
  spend: number;
  metadata: Readonly<Record<string, unknown>>;
}

export interface PrincipalUser extends Limits {
  id: string;
  email: string | null;
  role: UserRole;
  models: readonly string[];
  spend: number;
}

export interface Principal {
  kind: 'master' | 'key';
  userId?: string;
  teamId?: string;
  /** The master key is a proxy admin; a key's role is its user's role (internal_user when it has no user). */
  role: UserRole;
  /** The virtual key presented (absent for the master key); `key.id` identifies it. */
  key?: PrincipalKey;
  team?: PrincipalTeam;
  user?: PrincipalUser;
  /** The key's user in the key's team, when the key has both and the user is a member. */
  member?: PrincipalMember;
  /** Teams in which the key's user is a team admin (a key with a team: at most that team). */
  teamAdminOf: readonly string[];
  /** Teams the key's user belongs to, any role (a key with a team: at most that team). */
  teamMemberOf: readonly string[];
}

export const MASTER_PRINCIPAL: Principal = Object.freeze({
  kind: 'master',
  role: 'proxy_admin',
  teamAdminOf: Object.freeze([]),
  teamMemberOf: Object.freeze([]),
}) as Principal;

export function isProxyAdmin(principal: Principal): boolean {
  return principal.role === 'proxy_admin';
}

/** Proxy admins and proxy admin viewers may read every tenant's objects. */
export function canReadEverything(principal: Principal): boolean {
  return principal.role === 'proxy_admin' || principal.role === 'proxy_admin_viewer';
}

export function isTeamAdmin(principal: Principal, teamId: string | null | undefined): boolean {
  return !!teamId && principal.teamAdminOf.includes(teamId);
}
