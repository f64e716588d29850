import { IsEmail, IsNotEmpty, IsOptional, IsString, ValidateIf } from 'class-validator';

export class TeamMemberDeleteDto {
  @IsString()
  @IsNotEmpty()
  team_id!: string;

  @ValidateIf((body: TeamMemberDeleteDto) => body.user_email === undefined)
  @IsString({ message: 'user_id or user_email is required' })
  user_id?: string;

  @IsOptional()
  @IsEmail()
  user_email?: string;
}
