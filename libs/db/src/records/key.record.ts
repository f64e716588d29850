// Virtual keys as the data layer reads and writes them. Only the SHA-256 of a secret is ever stored.
import type { JsonValue } from './json-value';
import type { LimitChanges, LimitColumns } from './limit-columns';
import type { TeamRecord } from './team.record';
import type { UserRecord } from './user.record';
import type { TeamRole } from './roles';

export interface KeyRecord extends LimitColumns {
  id: string;
  /** Hex SHA-256 of the secret. */
  hash: string;
  /** The old secret's hash during a regeneration grace period, and when that period ends. */
  previousHash: string | null;
  previousHashExpires: Date | null;
  /** `sk-…abcd`, safe to show and log. */
  displayKey: string;
  alias: string | null;
  teamId: string | null;
  userId: string | null;
  /** Model alias map: requested name → public model name. */
  aliases: JsonValue;
  blocked: boolean;
  /** Spend past which answers carry a warning (nothing is refused). */
  softBudget: number | null;
  /** LiteLLM's model_max_budget: { model: { budget_limit, time_period } }. */
  modelMaxBudget: JsonValue;
  expiresAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A key with what authentication needs: its team, and its user with the user's team memberships. */
export interface KeyWithOwners extends KeyRecord {
  team: TeamRecord | null;
  user:
    | (UserRecord & {
        memberships: {
          teamId: string;
          role: TeamRole;
          maxBudgetInTeam: number | null;
          budgetDuration: string | null;
        }[];
      })
    | null;
}

/** A write of a key: an absent field leaves the column unchanged, null clears it. */
export interface KeyChanges extends LimitChanges {
  alias?: string | null;
  teamId?: string | null;
  userId?: string | null;
  aliases?: Readonly<Record<string, string>>;
  blocked?: boolean;
  softBudget?: number | null;
  modelMaxBudget?: Readonly<Record<string, ModelBudget>>;
  expiresAt?: Date | null;
  hash?: string;
  displayKey?: string;
  previousHash?: string | null;
  previousHashExpires?: Date | null;
}

/** One model's budget on a key, as stored (LiteLLM's shape). */
export interface ModelBudget {
  budget_limit: number;
  time_period?: string;
}

export interface NewKey extends KeyChanges {
  hash: string;
  displayKey: string;
  createdBy: string;
}
