import { IsEmail, IsNotEmpty, IsOptional, IsString, ValidateIf } from 'class-validator';

export class TeamMemberDeleteDto {
  @IsString()
  @IsNotEmpty()
  team_id!: string;

  /** A null user_email names nobody (see TeamMemberDto). */
  @ValidateIf((body: TeamMemberDeleteDto) => body.user_email === undefined || body.user_email === null)
  @IsString({ message: 'user_id or user_email is required' })
  @IsNotEmpty({ message: 'user_id or user_email is required' })
  user_id?: string | null;

  @IsOptional()
  @IsEmail()
  user_email?: string | null;
}
