// /customer/new and /customer/update (LiteLLM's end users): the end user is the OpenAI `user` of calls
// made with the team's keys. `team_id` picks the team (Quarry: end users belong to a team; see
// docs/management-api.md); a team admin with one team may leave it out.
import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBoundedJson } from '../../../platform/validation/bounded-values';
import { BudgetFieldsDto } from '../../limit-fields/budget-fields.dto';
import { IsOptionalNotNull } from '../../../platform/validation/optional-not-null';

export class EndUserFieldsDto extends BudgetFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  user_id!: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  team_id?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  alias?: string | null;

  @IsOptionalNotNull()
  @IsBoolean()
  blocked?: boolean;

  @IsOptionalNotNull()
  @IsObject()
  @IsBoundedJson()
  metadata?: Record<string, unknown>;
}
