// /team/member_update fields → membership column changes; a budget duration starts its period now.
import type { MemberChanges } from '@quarry/db';
import { parseDuration } from '../../platform/validation/duration';
import type { TeamMemberUpdateDto } from './dto/team-member-update.dto';

export function memberChangesFrom(request: TeamMemberUpdateDto, now: number): MemberChanges {
  const changes: MemberChanges = {};
  if (request.role !== undefined) changes.role = request.role;
  if (request.max_budget_in_team !== undefined) changes.maxBudgetInTeam = request.max_budget_in_team;
  if (request.budget_duration !== undefined) {
    changes.budgetDuration = request.budget_duration;
    changes.budgetResetAt =
      request.budget_duration === null ? null : new Date(now + parseDuration(request.budget_duration)!);
  }
  return changes;
}
