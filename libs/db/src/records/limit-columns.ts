// The columns keys, teams and users share: which models they may call, their budget, their rate limits
// and free-form metadata.
import type { JsonObject, JsonValue } from './json-value';

export interface LimitColumns {
  models: string[];
  maxBudget: number | null;
  budgetDuration: string | null;
  budgetResetAt: Date | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  maxParallelRequests: number | null;
  metadata: JsonValue;
  /** Spend booked so far (the spend store adds to it). */
  spend: number;
}

/** A write of those columns: an absent field leaves the column unchanged, null clears it. */
export interface LimitChanges {
  models?: readonly string[];
  maxBudget?: number | null;
  budgetDuration?: string | null;
  budgetResetAt?: Date | null;
  rpmLimit?: number | null;
  tpmLimit?: number | null;
  maxParallelRequests?: number | null;
  metadata?: JsonObject;
}
