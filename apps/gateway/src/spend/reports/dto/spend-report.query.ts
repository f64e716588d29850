import { IsIn, IsOptional } from 'class-validator';
import { SpendFilterQuery } from './spend-filter.query';

/** Quarry's names, then LiteLLM's names for the same groups (api_key, customer, internal_user). */
export const SPEND_GROUPINGS = [
  'day',
  'team',
  'key',
  'user',
  'end_user',
  'model',
  'api_key',
  'customer',
  'internal_user',
] as const;

export type SpendGrouping = (typeof SPEND_GROUPINGS)[number];

export class SpendReportQuery extends SpendFilterQuery {
  /** Default `team`, as in LiteLLM. */
  @IsOptional()
  @IsIn(SPEND_GROUPINGS, { message: `group_by must be one of ${SPEND_GROUPINGS.join(', ')}` })
  group_by?: SpendGrouping;
}
