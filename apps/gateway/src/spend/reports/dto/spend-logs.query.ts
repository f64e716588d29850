import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { SpendFilterQuery } from './spend-filter.query';

export const MAX_SPEND_LOGS_PAGE = 1_000;

export class SpendLogsQuery extends SpendFilterQuery {
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  request_id?: string;

  /** Rows per page (default 100). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SPEND_LOGS_PAGE)
  limit?: number;

  /** `next_cursor` of the previous page. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  cursor?: string;
}
