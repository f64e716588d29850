// Query parameters every spend report accepts to narrow what it reads (LiteLLM's names, with the aliases
// LiteLLM's endpoints use for the same thing). Unknown parameters are dropped (lenient queries); a
// repeated parameter is a list and is refused by @IsString, naming it.
import { IsIn, IsOptional, IsString } from 'class-validator';

export const SPEND_STATUSES = ['success', 'error', 'aborted'] as const;

export class SpendFilterQuery {
  /** A key id (`token`) or the key itself (`sk-…`). */
  @IsOptional()
  @IsString()
  api_key?: string;

  @IsOptional()
  @IsString()
  key_alias?: string;

  @IsOptional()
  @IsString()
  team_id?: string;

  @IsOptional()
  @IsString()
  user_id?: string;

  /** LiteLLM's /global/spend/report name for user_id. */
  @IsOptional()
  @IsString()
  internal_user_id?: string;

  /** The OpenAI `user` field a request carried. */
  @IsOptional()
  @IsString()
  end_user?: string;

  /** LiteLLM's /global/spend/report name for end_user. */
  @IsOptional()
  @IsString()
  customer_id?: string;

  /** The public model name requested. */
  @IsOptional()
  @IsString()
  model?: string;

  @IsOptional()
  @IsIn(SPEND_STATUSES, { message: `status must be one of ${SPEND_STATUSES.join(', ')}` })
  status?: (typeof SPEND_STATUSES)[number];

  /** YYYY-MM-DD or an ISO 8601 date-time (UTC unless it says otherwise). */
  @IsOptional()
  @IsString()
  start_date?: string;

  /** Inclusive: a date covers that whole UTC day. */
  @IsOptional()
  @IsString()
  end_date?: string;
}
