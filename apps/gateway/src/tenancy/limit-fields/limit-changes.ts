// The models, budget, limit and metadata fields of /key/*, /team/* and /user/* writes → column changes.
// An absent field leaves the column unchanged; null clears it. Setting a budget duration starts its
// first period now.
import type { LimitChanges } from '@quarry/db';
import { parseDuration } from '../../platform/validation/duration';
import type { LimitFieldsDto } from './limit-fields.dto';

export function limitChangesFrom(fields: LimitFieldsDto, now: number): LimitChanges {
  const changes: LimitChanges = {};
  if (fields.models !== undefined) changes.models = fields.models;
  if (fields.max_budget !== undefined) changes.maxBudget = fields.max_budget;
  if (fields.budget_duration !== undefined) {
    changes.budgetDuration = fields.budget_duration;
    changes.budgetResetAt =
      fields.budget_duration === null ? null : new Date(now + parseDuration(fields.budget_duration)!);
  }
  if (fields.rpm_limit !== undefined) changes.rpmLimit = fields.rpm_limit;
  if (fields.tpm_limit !== undefined) changes.tpmLimit = fields.tpm_limit;
  if (fields.max_parallel_requests !== undefined) changes.maxParallelRequests = fields.max_parallel_requests;
  if (fields.metadata !== undefined) changes.metadata = fields.metadata;
  return changes;
}
