// End users (LiteLLM's customers): the OpenAI `user` of calls made with a team's keys, scoped to that team
// ('' for keys without a team).
import type { JsonValue } from './json-value';

export interface EndUserRecord {
  teamId: string;
  userId: string;
  alias: string | null;
  spend: number;
  maxBudget: number | null;
  budgetDuration: string | null;
  budgetResetAt: Date | null;
  blocked: boolean;
  metadata: JsonValue;
  createdAt: Date;
  updatedAt: Date;
}

/** A write: an absent field leaves the column unchanged, null clears it. */
export interface EndUserChanges {
  alias?: string | null;
  maxBudget?: number | null;
  budgetDuration?: string | null;
  budgetResetAt?: Date | null;
  blocked?: boolean;
  metadata?: Readonly<Record<string, unknown>>;
}

/** The teams a caller may see end users of; 'all' for proxy admins ('' is the no-team namespace). */
export type EndUserScope = 'all' | readonly string[];
