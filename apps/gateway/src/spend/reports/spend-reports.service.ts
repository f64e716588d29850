// The spend reports: rows one by one (/spend/logs, from spend_logs, keyset pages), sums over days
// (/global/spend/report, from the daily roll-up), and keys and teams by spend (/spend/keys, /spend/teams,
// from their running totals). Every read goes through the caller's spend scope: another tenant's spend
// is not there, and a filter naming another tenant's team or key finds nothing.
import { Injectable } from '@nestjs/common';
import {
  DailySpendReportRepository,
  KeysRepository,
  SpendLogsRepository,
  SpendRankingsRepository,
  type SpendDimension,
  type SpendFilter,
} from '@quarry/db';
import type { Principal } from '../../tenancy/auth/principal';
import { hashVirtualKey, looksLikeSecretKey } from '../../tenancy/auth/virtual-key';
import { keyResponse } from '../../tenancy/keys/key-response';
import { keyScopeFor } from '../../tenancy/keys/key-scope';
import { remainingBudget } from '../../tenancy/limit-fields/remaining-budget';
import { isoDateOrNull } from '../../tenancy/response-dates';
import { teamScopeFor } from '../../tenancy/teams/team-scope';
import type { SpendFilterQuery } from './dto/spend-filter.query';
import type { SpendLogsQuery } from './dto/spend-logs.query';
import type { SpendGrouping, SpendReportQuery } from './dto/spend-report.query';
import type { SpendRankingQuery } from './dto/spend-ranking.query';
import { dayRangeOf, timeRangeOf } from './report-dates';
import { decodeCursor, encodeCursor } from './spend-log-cursor';
import { spendLogResponse } from './spend-log-response';
import { spendReportResponse } from './spend-report-response';
import { spendScopeFor } from './spend-scope';

const DEFAULT_PAGE = 100;
const DEFAULT_RANKING = 100;

/** LiteLLM's group_by names map onto Quarry's. */
const DIMENSION_OF: Record<SpendGrouping, SpendDimension> = {
  day: 'day',
  team: 'team',
  key: 'key',
  api_key: 'key',
  user: 'user',
  internal_user: 'user',
  end_user: 'end_user',
  customer: 'end_user',
  model: 'model',
};

@Injectable()
export class SpendReportsService {
  constructor(
    private readonly logs: SpendLogsRepository,
    private readonly daily: DailySpendReportRepository,
    private readonly rankings: SpendRankingsRepository,
    private readonly keys: KeysRepository,
  ) {}

  async spendLogs(principal: Principal, query: SpendLogsQuery) {
    const range = timeRangeOf(query.start_date, query.end_date);
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const limit = query.limit ?? DEFAULT_PAGE;
    const filter = await this.filterOf(principal, query);
    // One row more than asked tells whether another page follows.
    const rows = await this.logs.page(
      spendScopeFor(principal),
      { ...filter, requestId: query.request_id },
      range,
      cursor,
      limit + 1,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const hasMore = rows.length > limit && last !== undefined;
    return {
      data: page.map(spendLogResponse),
      has_more: hasMore,
      next_cursor: hasMore ? encodeCursor({ startTime: last.startTime, id: last.id }) : null,
    };
  }

  async report(principal: Principal, query: SpendReportQuery) {
    const days = dayRangeOf(query.start_date, query.end_date, new Date());
    const dimension = DIMENSION_OF[query.group_by ?? 'team'];
    const filter = await this.filterOf(principal, query);
    const rows = await this.daily.grouped(spendScopeFor(principal), filter, days, dimension);
    const ids = (wanted: SpendDimension) =>
      dimension === wanted ? [...new Set(rows.map((row) => row.group).filter(Boolean))] : [];
    const names = await this.rankings.aliases({ keyIds: ids('key'), teamIds: ids('team') });
    return spendReportResponse(rows, dimension, names);
  }

  async keysBySpend(principal: Principal, query: SpendRankingQuery) {
    const keys = await this.rankings.keysBySpend(
      keyScopeFor(principal, 'read'),
      query.limit ?? DEFAULT_RANKING,
    );
    return keys.map(keyResponse);
  }

  async teamsBySpend(principal: Principal, query: SpendRankingQuery) {
    const teams = await this.rankings.teamsBySpend(
      teamScopeFor(principal, 'read'),
      query.limit ?? DEFAULT_RANKING,
    );
    return teams.map((team) => ({
      team_id: team.id,
      team_alias: team.alias,
      spend: team.spend,
      max_budget: team.maxBudget,
      remaining_budget: remainingBudget(team.maxBudget, team.spend),
      budget_duration: team.budgetDuration,
      budget_reset_at: isoDateOrNull(team.budgetResetAt),
    }));
  }

  /** The query's filters; a key named by its secret or alias becomes the ids the caller may see. */
  private async filterOf(principal: Principal, query: SpendFilterQuery): Promise<SpendFilter> {
    const filter: SpendFilter = {
      teamId: query.team_id,
      userId: query.user_id ?? query.internal_user_id,
      endUser: query.end_user ?? query.customer_id,
      model: query.model,
      status: query.status,
    };
    let keyIds: string[] | undefined;
    if (query.api_key !== undefined) keyIds = await this.keyIdsOf(principal, query.api_key);
    if (query.key_alias !== undefined) {
      const aliased = await this.keys.findMany(keyScopeFor(principal, 'read'), {
        hashes: [],
        ids: [],
        aliases: [query.key_alias],
      });
      const ids = aliased.map((key) => key.id);
      keyIds = keyIds === undefined ? ids : keyIds.filter((id) => ids.includes(id));
    }
    return keyIds === undefined ? filter : { ...filter, keyIds };
  }

  /** A key id as given, or the id of the key whose secret was given (none when it is not in scope). */
  private async keyIdsOf(principal: Principal, reference: string): Promise<string[]> {
    if (!looksLikeSecretKey(reference)) return [reference];
    const key = await this.keys.find(keyScopeFor(principal, 'read'), { hash: hashVirtualKey(reference) });
    return key ? [key.id] : [];
  }
}
