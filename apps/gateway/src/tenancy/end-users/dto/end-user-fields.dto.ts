// /customer/new and /customer/update (LiteLLM's end users): the end user is the OpenAI `user` of calls
// made with the team's keys. `team_id` picks the team (Quarry: end users belong to a team; see
// docs/management-api.md); a team admin with one team may leave it out.
import {
  IsBoolean,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsBoundedJson, IsDuration } from '../../../platform/validation/bounded-values';
import { IsOptionalNotNull } from '../../../platform/validation/optional-not-null';

export class EndUserFieldsDto {
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

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e15)
  max_budget?: number | null;

  @IsOptional()
  @IsString()
  @IsDuration()
  budget_duration?: string | null;

  @IsOptionalNotNull()
  @IsBoolean()
  blocked?: boolean;

  @IsOptionalNotNull()
  @IsObject()
  @IsBoundedJson()
  metadata?: Record<string, unknown>;
}
