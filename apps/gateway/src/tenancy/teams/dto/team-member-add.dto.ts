import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsString, ValidateNested } from 'class-validator';
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
}
