// End users as LiteLLM's /customer/* show them (user_id, alias, spend, blocked, a budget), plus the team
// they belong to, the remaining budget and when the budget period resets.
import type { EndUserRecord } from '@quarry/db';
import { isoDateOrNull } from '../response-dates';

export function endUserResponse(endUser: EndUserRecord) {
  return {
    user_id: endUser.userId,
    team_id: endUser.teamId === '' ? null : endUser.teamId,
    alias: endUser.alias,
    spend: endUser.spend,
    blocked: endUser.blocked,
    max_budget: endUser.maxBudget,
    budget_duration: endUser.budgetDuration,
    budget_reset_at: isoDateOrNull(endUser.budgetResetAt),
    remaining_budget: endUser.maxBudget === null ? null : Math.max(0, endUser.maxBudget - endUser.spend),
    // LiteLLM nests the budget in a budget table row; the same figures, where its clients read them.
    litellm_budget_table:
      endUser.maxBudget === null
        ? null
        : { max_budget: endUser.maxBudget, budget_duration: endUser.budgetDuration },
    metadata: endUser.metadata,
    created_at: isoDateOrNull(endUser.createdAt),
    updated_at: isoDateOrNull(endUser.updatedAt),
  };
}
