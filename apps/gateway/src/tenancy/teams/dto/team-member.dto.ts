import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, ValidateIf } from 'class-validator';

/**
 * A member by user_id or user_email (a user that does not exist yet is created as an internal_user).
 * A null user_email names nobody: it is not a way to pick a user without an email.
 */
export class TeamMemberDto {
  @ValidateIf((member: TeamMemberDto) => member.user_email === undefined || member.user_email === null)
  @IsString({ message: 'user_id or user_email is required for each member' })
  @IsNotEmpty({ message: 'user_id or user_email is required for each member' })
  user_id?: string | null;

  @IsOptional()
  @IsEmail()
  user_email?: string | null;

  @IsOptional()
  @IsIn(['admin', 'user'])
  role?: 'admin' | 'user';
}
