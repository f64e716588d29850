// LiteLLM's /team/member_update: a member (named as for /team/member_delete) and its new role or budget in
// the team. budget_duration (Quarry) makes the member budget reset periodically.
import { IsIn, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsDuration } from '../../../platform/validation/bounded-values';
import { TeamMemberDeleteDto } from './team-member-delete.dto';

export class TeamMemberUpdateDto extends TeamMemberDeleteDto {
  @IsOptional()
  @IsIn(['admin', 'user'])
  role?: 'admin' | 'user';

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e15)
  max_budget_in_team?: number | null;

  @IsOptional()
  @IsString()
  @IsDuration()
  budget_duration?: string | null;
}
