// LiteLLM's /team/member_update: a member's role and budget in the team. budget_duration (Quarry) makes
// the member budget reset periodically.
import {
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsDuration } from '../../../platform/validation/bounded-values';

export class TeamMemberUpdateDto {
  @IsString()
  @IsNotEmpty()
  team_id!: string;

  /** A null user_email names nobody (see TeamMemberDto). */
  @ValidateIf((body: TeamMemberUpdateDto) => body.user_email === undefined || body.user_email === null)
  @IsString({ message: 'user_id or user_email is required' })
  @IsNotEmpty({ message: 'user_id or user_email is required' })
  user_id?: string | null;

  @IsOptional()
  @IsEmail()
  user_email?: string | null;

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
