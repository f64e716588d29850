// Fields shared by keys, teams and users: models, budgets, limits and metadata, with LiteLLM's names.
// `null` clears a scalar value on update; an absent field leaves it unchanged. Lists and objects cannot be
// null (send [] or {} to empty them).
import { IsArray, IsInt, IsNumber, IsObject, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { DURATION_HINT, DURATION_PATTERN } from '../../platform/validation/duration';
import { IsOptionalNotNull } from '../../platform/validation/optional-not-null';

export class LimitFieldsDto {
  @IsOptionalNotNull()
  @IsArray()
  @IsString({ each: true })
  models?: string[];

  /** Negative budgets are refused (LESSONS: LiteLLM #18554). */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  max_budget?: number | null;

  @IsOptional()
  @IsString()
  @Matches(DURATION_PATTERN, { message: `budget_duration must be ${DURATION_HINT}` })
  budget_duration?: string | null;

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
  metadata?: Record<string, unknown>;
}
