import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Matches, ValidateNested } from 'class-validator';
import { TeamFieldsDto } from './team-fields.dto';
import { TeamMemberDto } from './team-member.dto';
import { IsOptionalNotNull } from '../../../platform/validation/optional-not-null';

export class NewTeamDto extends TeamFieldsDto {
  /** Optional caller-chosen id (LiteLLM allows it); a UUID otherwise. */
  @IsOptionalNotNull()
  @IsString()
  @Matches(/^[\w.:-]{1,128}$/, {
    message: 'team_id may contain letters, digits, "_", ".", ":" and "-" (at most 128)',
  })
  team_id?: string;

  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  members_with_roles?: TeamMemberDto[];
}
