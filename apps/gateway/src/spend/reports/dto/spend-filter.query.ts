// Query parameters every spend report accepts to narrow what it reads (LiteLLM's names, with the aliases
// LiteLLM's endpoints use for the same thing). Unknown parameters are dropped (lenient queries); a
// repeated parameter is a list and is refused by @IsString, naming it. Empty values are refused too: in the
// daily roll-ups '' stands for "none", so an empty filter would quietly mean "spend without a key".
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';

export const SPEND_STATUSES = ['success', 'error', 'aborted'] as const;

export class SpendFilterQuery {
  /** A key id (`token`) or the key itself (`sk-…`). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  api_key?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  key_alias?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  team_id?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  user_id?: string;

  /** LiteLLM's /global/spend/report name for user_id. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  internal_user_id?: string;

  /** The OpenAI `user` field a request carried. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  end_user?: string;

  /** LiteLLM's /global/spend/report name for end_user. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  customer_id?: string;

  /** The public model name requested. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  model?: string;

  @IsOptional()
  @IsIn(SPEND_STATUSES, { message: `status must be one of ${SPEND_STATUSES.join(', ')}` })
  status?: (typeof SPEND_STATUSES)[number];

  /** YYYY-MM-DD or an ISO 8601 date-time (UTC unless it says otherwise). */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  start_date?: string;

  /** Inclusive: a date covers that whole UTC day. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  end_date?: string;
}
