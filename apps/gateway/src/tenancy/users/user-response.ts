// Users as LiteLLM's management API shows them.
import type { UserWithTeams } from '@quarry/db';
import { remainingBudget } from '../limit-fields/remaining-budget';
import { isoDateOrNull } from '../response-dates';

export function userResponse(user: UserWithTeams) {
  return {
    user_id: user.id,
    user_email: user.email,
    user_role: user.role,
    teams: user.memberships.map((membership) => membership.teamId),
    models: user.models,
    max_budget: user.maxBudget,
    remaining_budget: remainingBudget(user.maxBudget, user.spend),
    spend: user.spend,
    budget_duration: user.budgetDuration,
    budget_reset_at: isoDateOrNull(user.budgetResetAt),
    rpm_limit: user.rpmLimit,
    tpm_limit: user.tpmLimit,
    max_parallel_requests: user.maxParallelRequests,
    metadata: user.metadata,
    created_at: isoDateOrNull(user.createdAt),
    updated_at: isoDateOrNull(user.updatedAt),
  };
}
