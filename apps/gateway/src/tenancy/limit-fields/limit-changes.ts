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

export function limitChangesFrom(fields: LimitFieldsDto, now: number): LimitChanges {
  const changes: LimitChanges = {};
  if (fields.models !== undefined) changes.models = fields.models;
  for (const [field, column] of NUMERIC_LIMITS)
    if (fields[field] !== undefined) changes[column] = fields[field];
  if (fields.budget_duration !== undefined) {
    changes.budgetDuration = fields.budget_duration;
    changes.budgetResetAt =
      fields.budget_duration === null ? null : new Date(now + parseDuration(fields.budget_duration)!);
  }
  if (fields.metadata !== undefined) changes.metadata = fields.metadata;
  return changes;
}
