import { IsEmail, IsIn, IsOptional, IsString, ValidateIf } from 'class-validator';

/** A member by user_id or user_email (a user that does not exist yet is created as an internal_user). */
export class TeamMemberDto {
  @ValidateIf((member: TeamMemberDto) => member.user_email === undefined)
  @IsString({ message: 'user_id or user_email is required for each member' })
  user_id?: string;

  @IsOptional()
  @IsEmail()
  user_email?: string;

  @IsOptional()
  @IsIn(['admin', 'user'])
  role?: 'admin' | 'user';
}
