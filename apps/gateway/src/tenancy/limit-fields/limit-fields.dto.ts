// Fields shared by keys, teams and users: models, budgets, limits and metadata, with LiteLLM's names.
// `null` clears a scalar value on update; an absent field leaves it unchanged. Lists and objects cannot be
// null (send [] or {} to empty them).
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsBoundedJson } from '../../platform/validation/bounded-values';
import { BudgetFieldsDto } from './budget-fields.dto';
import { IsOptionalNotNull } from '../../platform/validation/optional-not-null';

export class LimitFieldsDto extends BudgetFieldsDto {
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(256, { each: true })
  models?: string[];

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  rpm_limit?: number | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  tpm_limit?: number | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  max_parallel_requests?: number | null;

  @IsOptionalNotNull()
  @IsObject()
  @IsBoundedJson()
  metadata?: Record<string, unknown>;
}
