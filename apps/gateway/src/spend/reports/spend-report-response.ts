// /global/spend/report in LiteLLM's shape: one entry per day (`group_by_day`), holding the day's groups
// (`teams`, `customers`, … as LiteLLM names them), each with its totals and a per-model breakdown in
// `metadata`. Grouped by `day`, the day entry carries the totals itself. Groups are biggest spender first.
import type { DailySpendGroup, SpendDimension } from '@quarry/db';

export interface GroupNames {
  keys: ReadonlyMap<string, string | null>;
  teams: ReadonlyMap<string, string | null>;
}

const COLLECTION: Record<Exclude<SpendDimension, 'day'>, string> = {
  team: 'teams',
  key: 'api_keys',
  user: 'users',
  end_user: 'customers',
  model: 'models',
};

interface Totals {
  total_spend: number;
  total_tokens: number;
  prompt_tokens: number;
  completion_tokens: number;
  requests: number;
  successful_requests: number;
  failed_requests: number;
  metadata: ModelSpend[];
}

interface ModelSpend {
  model: string;
  spend: number;
  total_tokens: number;
  prompt_tokens: number;
  completion_tokens: number;
  requests: number;
}

export function spendReportResponse(rows: DailySpendGroup[], dimension: SpendDimension, names: GroupNames) {
  const days = new Map<string, Map<string, Totals>>();
  for (const row of rows) {
    const groups = days.get(row.day) ?? new Map<string, Totals>();
    days.set(row.day, groups);
    const totals = groups.get(row.group) ?? emptyTotals();
    groups.set(row.group, totals);
    add(totals, row);
  }
  return [...days].map(([day, groups]) => {
    const groupByDay = `${day}T00:00:00+00:00`;
    if (dimension === 'day') return { group_by_day: groupByDay, ...(groups.get('') ?? emptyTotals()) };
    const entries = [...groups]
      .map(([group, totals]) => ({ ...labelOf(dimension, group || null, names), ...totals }))
      .sort((a, b) => b.total_spend - a.total_spend);
    return { group_by_day: groupByDay, [COLLECTION[dimension]]: entries };
  });
}

function labelOf(dimension: Exclude<SpendDimension, 'day'>, id: string | null, names: GroupNames) {
  switch (dimension) {
    case 'team':
      return { team_id: id, team_name: id === null ? null : (names.teams.get(id) ?? null) };
    case 'key':
      return { api_key: id, key_alias: id === null ? null : (names.keys.get(id) ?? null) };
    case 'user':
      return { user_id: id };
    case 'end_user':
      return { customer: id, end_user: id };
    case 'model':
      return { model: id };
    default: {
      const unknown: never = dimension;
      throw new Error(`unknown spend dimension ${String(unknown)}`);
    }
  }
}

function emptyTotals(): Totals {
  return {
    total_spend: 0,
    total_tokens: 0,
    prompt_tokens: 0,
    completion_tokens: 0,
    requests: 0,
    successful_requests: 0,
    failed_requests: 0,
    metadata: [],
  };
}

function add(totals: Totals, row: DailySpendGroup): void {
  const tokens = row.promptTokens + row.completionTokens;
  totals.total_spend += row.spend;
  totals.total_tokens += tokens;
  totals.prompt_tokens += row.promptTokens;
  totals.completion_tokens += row.completionTokens;
  totals.requests += row.requests;
  totals.successful_requests += row.successfulRequests;
  totals.failed_requests += row.requests - row.successfulRequests;
  totals.metadata.push({
    model: row.model,
    spend: row.spend,
    total_tokens: tokens,
    prompt_tokens: row.promptTokens,
    completion_tokens: row.completionTokens,
    requests: row.requests,
  });
}
