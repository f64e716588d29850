// /user/new and /user/update fields → columns (absent = unchanged, null = cleared).
import type { Prisma } from '@quarry/db';
import { parseDuration } from '../../platform/validation/duration';
import type { UserFieldsDto } from './dto/user-fields.dto';

export function userColumnsFrom(fields: UserFieldsDto, now: number): Prisma.UserUncheckedUpdateInput {
  const data: Prisma.UserUncheckedUpdateInput = {};
  if (fields.user_email !== undefined) data.email = fields.user_email;
  if (fields.user_role !== undefined) data.role = fields.user_role;
  if (fields.models !== undefined) data.models = fields.models;
  if (fields.max_budget !== undefined) data.maxBudget = fields.max_budget;
  if (fields.budget_duration !== undefined) {
    data.budgetDuration = fields.budget_duration;
    data.budgetResetAt =
      fields.budget_duration === null ? null : new Date(now + parseDuration(fields.budget_duration)!);
  }
  if (fields.rpm_limit !== undefined) data.rpmLimit = fields.rpm_limit;
  if (fields.tpm_limit !== undefined) data.tpmLimit = fields.tpm_limit;
  if (fields.max_parallel_requests !== undefined) data.maxParallelRequests = fields.max_parallel_requests;
  if (fields.metadata !== undefined) data.metadata = fields.metadata as Prisma.InputJsonValue;
  return data;
}

/** What users may change about themselves. Role, models, budgets and limits are the proxy admin's. */
export const SELF_EDITABLE = new Set(['user_id', 'user_email', 'metadata']);
