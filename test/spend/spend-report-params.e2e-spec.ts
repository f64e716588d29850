// The edges of the spend reports: bad query parameters answer 400 naming the parameter (never a 500),
// /spend/keys and /spend/teams rank what the caller may see, and /key|team|user/info show what is left
// of each budget.
import { asMaster, call } from '../support/management-api';
import type { TestGateway } from '../support/test-gateway';
import { BULK_ROWS, startSeededReports, type ReportSeed, type SeededReports } from './spend-report-seed';

let gateway: TestGateway;
let seed: ReportSeed;
let seeded: SeededReports | undefined;

beforeAll(async () => {
  seeded = await startSeededReports();
  ({ gateway, seed } = seeded);
});

afterAll(() => seeded?.close());

const get = (path: string, key = gateway.masterKey) => call(gateway, 'GET', path, key);

describe('bad query parameters', () => {
  it.each([
    ['/spend/logs?start_date=2025-02-30', 'start_date'],
    ['/spend/logs?start_date=yesterday', 'start_date'],
    ['/spend/logs?end_date=2025-03-01T25:00:00Z', 'end_date'],
    ['/spend/logs?start_date=2025-03-02&end_date=2025-03-01', 'end_date'],
    ['/spend/logs?limit=0', 'limit'],
    ['/spend/logs?limit=abc', 'limit'],
    ['/spend/logs?limit=1001', 'limit'],
    ['/spend/logs?cursor=not-a-cursor', 'cursor'],
    [
      `/spend/logs?cursor=${Buffer.from('2025-01-01T00:00:00.000Z|99999999999999999999').toString('base64url')}`,
      'cursor',
    ],
    ['/spend/logs?status=maybe', 'status'],
    ['/spend/logs?team_id=a&team_id=b', 'team_id'],
    ['/spend/logs?api_key=', 'api_key'],
    ['/global/spend/report?team_id=', 'team_id'],
    ['/global/spend/report?group_by=planet', 'group_by'],
    ['/global/spend/report?start_date=2024-01-01&end_date=2025-06-01', 'start_date'],
    ['/global/spend/report?end_date=2025-13-01', 'end_date'],
    ['/spend/keys?limit=-1', 'limit'],
    ['/spend/teams?limit=x', 'limit'],
  ])('%s → 400 naming %s', async (path, param) => {
    const result = await get(path);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ type: 'invalid_request_error', param });
  });

  it('accepts a range of exactly 366 days and defaults to the last 30 days', async () => {
    expect((await get('/global/spend/report?start_date=2024-01-01&end_date=2024-12-31')).status).toBe(200);
    const recent = await get(`/global/spend/report?team_id=${seed.tenancy.teamA}&group_by=day`);
    expect(recent.status).toBe(200);
    expect(recent.body).toEqual([]); // the seeded spend is from 2025
  });
});

describe('GET /spend/keys and /spend/teams', () => {
  it('ranks the keys a caller may see by spend, with what is left of their budgets', async () => {
    const ranked = await get('/spend/keys?limit=1000', seed.tenancy.keys.teamAdmin);
    expect(ranked.status).toBe(200);
    const tokens = ranked.body.map((key: { token: string }) => key.token);
    expect(tokens).toContain(seed.tenancy.teamAServiceKey.token);
    expect(tokens).toContain(seed.memberTeamKey.token);
    expect(tokens).not.toContain(seed.tenancy.teamBKey.token);
    expect(tokens).not.toContain(seed.memberPersonalKeyId);
    const spends = ranked.body.map((key: { spend: number }) => key.spend);
    expect([...spends].sort((a, b) => b - a)).toEqual(spends);
    const service = ranked.body.find(
      (key: { token: string }) => key.token === seed.tenancy.teamAServiceKey.token,
    );
    expect(service).toMatchObject({ spend: 2 + 0.5 * BULK_ROWS, max_budget: null, remaining_budget: null });
  });

  it('ranks the teams a caller may see, with spend and remaining budget', async () => {
    const forAdmin = await get('/spend/teams', seed.tenancy.keys.teamAdmin);
    expect(forAdmin.body).toEqual([
      expect.objectContaining({
        team_id: seed.tenancy.teamA,
        spend: 3 + 0.5 * BULK_ROWS,
        max_budget: 100,
        remaining_budget: 100 - (3 + 0.5 * BULK_ROWS),
      }),
    ]);
    const forOther = await get('/spend/teams', seed.tenancy.keys.otherTeamAdmin);
    expect(forOther.body).toEqual([expect.objectContaining({ team_id: seed.tenancy.teamB, spend: 4 })]);
  });
});

describe('remaining budget in /key/info, /team/info and /user/info', () => {
  it('is max_budget - spend, and null without a budget', async () => {
    const { tenancy } = seed;
    const team = await get(`/team/info?team_id=${tenancy.teamA}`);
    expect(team.body.team_info).toMatchObject({
      max_budget: 100,
      remaining_budget: 100 - team.body.team_info.spend,
    });

    const key = await get(`/key/info?key=${seed.memberTeamKey.token}`);
    expect(key.body.info).toMatchObject({ spend: 1, max_budget: null, remaining_budget: null });
    await asMaster(gateway, '/key/update', { key: seed.memberTeamKey.token, max_budget: 10 });
    expect((await get(`/key/info?key=${seed.memberTeamKey.token}`)).body.info).toMatchObject({
      max_budget: 10,
      remaining_budget: 9,
    });

    await asMaster(gateway, '/user/update', { user_id: tenancy.users.member, max_budget: 20 });
    const user = await get('/user/info', tenancy.keys.member);
    expect(user.body.user_info).toMatchObject({ spend: 9, max_budget: 20, remaining_budget: 11 });
  });
});
