// The models, budget, limit and metadata fields of /key/*, /team/* and /user/* writes → column changes.
// An absent field leaves the column unchanged; null clears it. Setting a budget duration starts its
// first period now.
import type { LimitChanges } from '@quarry/db';
import { parseDuration } from '../../platform/validation/duration';
import type { LimitFieldsDto } from './limit-fields.dto';

/** The numeric limits, by request field and column; a caller may not grant more than its own. */
export const NUMERIC_LIMITS = [
  ['max_budget', 'maxBudget'],
  ['rpm_limit', 'rpmLimit'],
  ['tpm_limit', 'tpmLimit'],
  ['max_parallel_requests', 'maxParallelRequests'],
] as const satisfies readonly (readonly [keyof LimitFieldsDto, keyof LimitChanges])[];

/** A budget duration given (a string, or null clearing it) starts its first period now, or ends it. */
export function budgetPeriodChanges(
  duration: string | null | undefined,
  now: number,
): { budgetDuration?: string | null; budgetResetAt?: Date | null } {
  if (duration === undefined) return {};
  return {
    budgetDuration: duration,
    budgetResetAt: duration === null ? null : new Date(now + parseDuration(duration)!),
  };
}

export function limitChangesFrom(fields: LimitFieldsDto, now: number): LimitChanges {
  const changes: LimitChanges = {};
  if (fields.models !== undefined) changes.models = fields.models;
  for (const [field, column] of NUMERIC_LIMITS)
    if (fields[field] !== undefined) changes[column] = fields[field];
  Object.assign(changes, budgetPeriodChanges(fields.budget_duration, now));
  if (fields.metadata !== undefined) changes.metadata = fields.metadata;
  return changes;
}
