// Teams as LiteLLM's management API shows them.
import type { TeamWithMembers } from '@quarry/db';
import { remainingBudget } from '../limit-fields/remaining-budget';
import { isoDateOrNull } from '../response-dates';

export function teamResponse(team: TeamWithMembers) {
  return {
    team_id: team.id,
    team_alias: team.alias,
    models: team.models,
    max_budget: team.maxBudget,
    remaining_budget: remainingBudget(team.maxBudget, team.spend),
    spend: team.spend,
    budget_duration: team.budgetDuration,
    budget_reset_at: isoDateOrNull(team.budgetResetAt),
    rpm_limit: team.rpmLimit,
    tpm_limit: team.tpmLimit,
    max_parallel_requests: team.maxParallelRequests,
    metadata: team.metadata,
    blocked: team.blocked,
    members_with_roles: team.members.map((member) => ({
      user_id: member.userId,
      user_email: member.user.email,
      role: member.role,
      max_budget_in_team: member.maxBudgetInTeam,
      spend: member.spend,
      budget_duration: member.budgetDuration,
      budget_reset_at: isoDateOrNull(member.budgetResetAt),
    })),
    admins: team.members.filter((member) => member.role === 'admin').map((member) => member.userId),
    members: team.members.map((member) => member.userId),
    created_at: isoDateOrNull(team.createdAt),
    updated_at: isoDateOrNull(team.updatedAt),
  };
}
