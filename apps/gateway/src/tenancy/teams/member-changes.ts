// /team/member_update fields → membership column changes; a budget duration starts its period now.
import type { MemberChanges } from '@quarry/db';
import { budgetPeriodChanges } from '../limit-fields/limit-changes';
import type { TeamMemberUpdateDto } from './dto/team-member-update.dto';

export function memberChangesFrom(request: TeamMemberUpdateDto, now: number): MemberChanges {
  const changes: MemberChanges = {};
  if (request.role !== undefined) changes.role = request.role;
  if (request.max_budget_in_team !== undefined) changes.maxBudgetInTeam = request.max_budget_in_team;
  return Object.assign(changes, budgetPeriodChanges(request.budget_duration, now));
}
