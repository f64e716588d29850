// /team/new and /team/update fields → columns (absent = unchanged, null = cleared).
import type { Prisma } from '@quarry/db';
import { parseDuration } from '../../platform/validation/duration';
import type { TeamFieldsDto } from './dto/team-fields.dto';

export function teamColumnsFrom(fields: TeamFieldsDto, now: number): Prisma.TeamUncheckedUpdateInput {
  const data: Prisma.TeamUncheckedUpdateInput = {};
  if (fields.team_alias !== undefined) data.alias = fields.team_alias;
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
  if (fields.blocked !== undefined) data.blocked = fields.blocked;
  return data;
}

/** What a team admin may change on their own team; models, budgets, limits and blocking are the proxy admin's. */
export const TEAM_ADMIN_EDITABLE = new Set(['team_id', 'team_alias', 'metadata']);
