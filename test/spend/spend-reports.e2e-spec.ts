// Spend reports over real HTTP on seeded spend (test/spend/spend-report-seed.ts): every filter of
// /spend/logs, its cursor pages, every group_by of /global/spend/report, and what each role sees.
import { call } from '../support/management-api';
import type { TestGateway } from '../support/test-gateway';
import {
  BULK_ROWS,
  DAY1,
  DAY2,
  DAY3,
  startSeededReports,
  type ReportSeed,
  type SeededReports,
} from './spend-report-seed';

let gateway: TestGateway;
let seed: ReportSeed;
let seeded: SeededReports | undefined;

beforeAll(async () => {
  seeded = await startSeededReports();
  ({ gateway, seed } = seeded);
});

afterAll(() => seeded?.close());

async function get(key: string, path: string, params: Record<string, string | number> = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) query.set(name, String(value));
  const result = await call(gateway, 'GET', `${path}?${query}`, key);
  if (result.status !== 200) throw new Error(`${path} answered ${result.status}: ${result.text}`);
  return result.body;
}

/** Request ids of the /spend/logs rows a key sees with these filters (first page of 100). */
async function requestIds(key: string, params: Record<string, string | number>): Promise<string[]> {
  const body = await get(key, '/spend/logs', params);
  return body.data.map((row: { request_id: string }) => row.request_id);
}

const master = () => gateway.masterKey;

describe('GET /spend/logs', () => {
  it('lists rows newest first in LiteLLM’s field names', async () => {
    const body = await get(master(), '/spend/logs', { request_id: seed.requests.memberA1 });
    expect(body).toMatchObject({ has_more: false, next_cursor: null });
    expect(body.data).toEqual([
      expect.objectContaining({
        request_id: seed.requests.memberA1,
        call_type: 'chat',
        api_key: seed.memberTeamKey.token,
        team_id: seed.tenancy.teamA,
        user: seed.tenancy.users.member,
        end_user: 'alice',
        model: seed.modelA,
        spend: 1,
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        status: 'success',
        startTime: `${DAY1}T10:00:00.000Z`,
        endTime: `${DAY1}T10:00:00.120Z`,
        completionStartTime: `${DAY1}T10:00:00.030Z`,
      }),
    ]);
  });

  it('filters by key (id, secret or alias), team, user, end user, model, status and time', async () => {
    const { requests, tenancy, modelA, modelB } = seed;
    const memberRows = [requests.memberErr, requests.memberA1];
    expect(await requestIds(master(), { api_key: seed.memberTeamKey.token })).toEqual(memberRows);
    expect(await requestIds(master(), { api_key: seed.memberTeamKey.key })).toEqual(memberRows);
    expect(await requestIds(master(), { key_alias: seed.memberKeyAlias })).toEqual(memberRows);
    expect(await requestIds(master(), { team_id: tenancy.teamB })).toEqual([requests.teamB]);
    expect(await requestIds(master(), { user_id: tenancy.users.member, model: modelA })).toEqual([
      requests.personal,
      requests.memberA1,
    ]);
    expect(await requestIds(master(), { end_user: 'alice', model: modelA })).toEqual([
      requests.teamB,
      requests.serviceA,
      requests.memberA1,
    ]);
    expect(await requestIds(master(), { model: modelB })).toEqual([requests.memberErr]);
    expect(await requestIds(master(), { team_id: tenancy.teamA, status: 'error' })).toEqual([
      requests.memberErr,
    ]);
    // A date covers its whole UTC day; a date-time is exact.
    expect(await requestIds(master(), { model: modelA, start_date: DAY2, end_date: DAY2 })).toEqual([
      requests.teamB,
      requests.serviceA,
    ]);
    expect(
      await requestIds(master(), {
        model: modelA,
        start_date: `${DAY2}T09:30:00Z`,
        end_date: `${DAY3}T08:00:00Z`,
      }),
    ).toEqual([requests.personal, requests.teamB]);
  });

  it('pages with a cursor: every row exactly once, newest first, ties broken by id', async () => {
    const seen: string[] = [];
    const times: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const body = await get(master(), '/spend/logs', {
        model: seed.bulkModel,
        limit: 10,
        ...(cursor ? { cursor } : {}),
      });
      pages++;
      seen.push(...body.data.map((row: { request_id: string }) => row.request_id));
      times.push(...body.data.map((row: { startTime: string }) => row.startTime));
      expect(body.has_more).toBe(body.next_cursor !== null);
      cursor = body.next_cursor ?? undefined;
    } while (cursor);
    expect(pages).toBe(Math.ceil(BULK_ROWS / 10));
    expect(new Set(seen).size).toBe(BULK_ROWS);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('shows each caller only the spend it may see; a team key stays in its team', async () => {
    const { requests, tenancy, modelA } = seed;
    const byModel = { model: modelA };
    // Team A's admin: team A's spend, not team B's, not the member's personal spend.
    expect(await requestIds(tenancy.keys.teamAdmin, byModel)).toEqual([requests.serviceA, requests.memberA1]);
    // The member through the personal key: everything booked to the member, in or out of team A.
    expect(await requestIds(tenancy.keys.member, byModel)).toEqual([requests.personal, requests.memberA1]);
    // The member's team A key: only the member's spend in team A.
    expect(await requestIds(seed.memberTeamKey.key, byModel)).toEqual([requests.memberA1]);
    // Team B's admin: team B only; naming team A or a team A key finds nothing (not an error).
    expect(await requestIds(tenancy.keys.otherTeamAdmin, byModel)).toEqual([requests.teamB]);
    expect(await requestIds(tenancy.keys.otherTeamAdmin, { team_id: tenancy.teamA })).toEqual([]);
    expect(await requestIds(tenancy.keys.otherTeamAdmin, { api_key: seed.memberTeamKey.key })).toEqual([]);
    // Proxy admin viewers read everything.
    expect(await requestIds(tenancy.keys.adminViewer, byModel)).toHaveLength(4);
  });
});

describe('GET /global/spend/report', () => {
  const range = { start_date: DAY1, end_date: DAY3 };

  it('groups by team per day (LiteLLM’s default), biggest spender first, with a per-model breakdown', async () => {
    const report = await get(master(), '/global/spend/report', { ...range, model: seed.modelA });
    expect(report).toEqual([
      {
        group_by_day: `${DAY1}T00:00:00+00:00`,
        teams: [expect.objectContaining({ team_id: seed.tenancy.teamA, total_spend: 1, requests: 1 })],
      },
      {
        group_by_day: `${DAY2}T00:00:00+00:00`,
        teams: [
          expect.objectContaining({ team_id: seed.tenancy.teamB, total_spend: 4 }),
          expect.objectContaining({ team_id: seed.tenancy.teamA, total_spend: 2 }),
        ],
      },
      {
        group_by_day: `${DAY3}T00:00:00+00:00`,
        teams: [expect.objectContaining({ team_id: null, team_name: null, total_spend: 8 })],
      },
    ]);
    const teamA = report[0].teams[0];
    expect(teamA.team_name).toMatch(/^team-a-/);
    expect(teamA).toMatchObject({ total_tokens: 15, prompt_tokens: 10, completion_tokens: 5 });
    expect(teamA.metadata).toEqual([
      {
        model: seed.modelA,
        spend: 1,
        total_tokens: 15,
        prompt_tokens: 10,
        completion_tokens: 5,
        requests: 1,
      },
    ]);
  });

  it('groups by day, key, user, end user (customer) and model', async () => {
    const teamA = { ...range, team_id: seed.tenancy.teamA };
    const byDay = await get(master(), '/global/spend/report', { ...teamA, group_by: 'day' });
    expect(byDay.map((day: { total_spend: number }) => day.total_spend)).toEqual([1, 2, 0.5 * BULK_ROWS]);
    expect(byDay[0]).toMatchObject({ requests: 2, successful_requests: 1, failed_requests: 1 });

    const byKey = await get(master(), '/global/spend/report', { ...teamA, group_by: 'api_key' });
    expect(byKey[0].api_keys).toEqual([
      expect.objectContaining({ api_key: seed.memberTeamKey.token, key_alias: seed.memberKeyAlias }),
    ]);

    const byUser = await get(master(), '/global/spend/report', {
      ...range,
      group_by: 'user',
      model: seed.modelA,
    });
    expect(byUser[2].users).toEqual([
      expect.objectContaining({ user_id: seed.tenancy.users.member, total_spend: 8 }),
    ]);

    const byCustomer = await get(master(), '/global/spend/report', { ...teamA, group_by: 'customer' });
    expect(byCustomer[0].customers.map((entry: { customer: string }) => entry.customer).sort()).toEqual([
      'alice',
      'bob',
    ]);
    expect(byCustomer[2].customers).toEqual([
      expect.objectContaining({ customer: 'carol', end_user: 'carol', total_spend: 0.5 * BULK_ROWS }),
    ]);

    const byModel = await get(master(), '/global/spend/report', {
      ...teamA,
      start_date: DAY1,
      end_date: DAY1,
      group_by: 'model',
    });
    expect(byModel).toEqual([
      {
        group_by_day: `${DAY1}T00:00:00+00:00`,
        models: [
          expect.objectContaining({ model: seed.modelA, total_spend: 1 }),
          expect.objectContaining({ model: seed.modelB, total_spend: 0, failed_requests: 1 }),
        ],
      },
    ]);
  });

  it('reports only the spend a caller may see', async () => {
    const { tenancy } = seed;
    const teamsSeen = async (key: string) => {
      const report = await get(key, '/global/spend/report', { ...range, model: seed.modelA });
      return report.flatMap((day: { teams: { team_id: string | null }[] }) =>
        day.teams.map((team) => team.team_id),
      );
    };
    expect(await teamsSeen(tenancy.keys.teamAdmin)).toEqual([tenancy.teamA, tenancy.teamA]);
    expect(await teamsSeen(tenancy.keys.otherTeamAdmin)).toEqual([tenancy.teamB]);
    expect(await teamsSeen(tenancy.keys.member)).toEqual([tenancy.teamA, null]);
    expect(await teamsSeen(seed.memberTeamKey.key)).toEqual([tenancy.teamA]);
  });
});
