// max_budget and budget_duration, with LiteLLM's names: shared by keys, teams, users (limit-fields.dto.ts)
// and end users. `null` clears a value on update; an absent field leaves it unchanged.
import { IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsDuration } from '../../platform/validation/bounded-values';

export class BudgetFieldsDto {
  /** Negative budgets are refused (LESSONS: LiteLLM #18554). */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1e15)
  max_budget?: number | null;

  @IsOptional()
  @IsString()
  @IsDuration()
  budget_duration?: string | null;
}
