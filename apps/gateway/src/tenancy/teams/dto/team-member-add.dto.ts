import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { TeamMemberDto } from './team-member.dto';

export class TeamMemberAddDto {
  @IsString()
  @IsNotEmpty()
  team_id!: string;

  /** One member or a list of members, as LiteLLM accepts. */
  @Transform(
    ({ value }) => (value !== undefined && value !== null && !Array.isArray(value) ? [value] : value),
    {
      toClassOnly: true,
    },
  )
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  member!: TeamMemberDto[];

  /** LiteLLM's budget for each member added, in this team (a member's keys in the team share it). */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e15)
  max_budget_in_team?: number | null;
}
