// What members, viewers and team admins see in lists: exactly their tenant's objects, never another
// team's (the role matrix checks the status codes; this checks the contents). Each user's objects are
// created here, so every list is compared with the exact set it must hold.
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { asMaster, call } from '../support/management-api';
import { createTenancy, type Tenancy } from '../support/tenants';

let gateway: TestGateway;
let tenancy: Tenancy;
/** Key ids: each user's personal key (made by /user/new) and the team keys made below. */
const keyIds: Record<string, string> = {};
/** The member's key bound to team A (a secret, to call with). */
let memberTeamKey: string;

beforeAll(async () => {
  gateway = await startTestGateway();
  tenancy = await createTenancy(gateway);
  for (const role of ['member', 'memberViewer', 'teamAdmin', 'otherTeamAdmin'] as const) {
    const own = await call(gateway, 'GET', '/key/info', tenancy.keys[role]);
    keyIds[`${role}Personal`] = own.body.key;
  }
  const teamKey = async (teamId: string, userId: string) =>
    asMaster(gateway, '/key/generate', { team_id: teamId, user_id: userId });
  const memberInA = await teamKey(tenancy.teamA, tenancy.users.member);
  memberTeamKey = memberInA.key;
  keyIds.memberInA = memberInA.token;
  keyIds.memberViewerInA = (await teamKey(tenancy.teamA, tenancy.users.memberViewer)).token;
  keyIds.otherTeamAdminInB = (await teamKey(tenancy.teamB, tenancy.users.otherTeamAdmin)).token;
  keyIds.teamAService = tenancy.teamAServiceKey.token;
  keyIds.teamBService = tenancy.teamBKey.token;
});
afterAll(() => gateway?.close());

async function listedKeyIds(key: string, query = ''): Promise<string[]> {
  const result = await call(gateway, 'GET', `/key/list?return_full_object=true&size=100${query}`, key);
  expect(result.status).toBe(200);
  expect(result.body.total_count).toBe(result.body.keys.length);
  return (result.body.keys as Array<{ token: string }>).map((entry) => entry.token).sort();
}

const ids = (...names: string[]) => names.map((name) => keyIds[name]).sort();

describe('/key/list holds exactly the caller’s keys', () => {
  it.each([
    ['member', ['memberPersonal', 'memberInA']],
    ['memberViewer', ['memberViewerPersonal', 'memberViewerInA']],
    ['teamAdmin', ['teamAdminPersonal', 'teamAService', 'memberInA', 'memberViewerInA']],
    ['otherTeamAdmin', ['otherTeamAdminPersonal', 'teamBService', 'otherTeamAdminInB']],
  ] as const)('for %s', async (role, expected) => {
    expect(await listedKeyIds(tenancy.keys[role])).toEqual(ids(...expected));
  });

  it('for a key bound to team A: that user’s keys in team A only, not their personal keys', async () => {
    expect(await listedKeyIds(memberTeamKey)).toEqual(ids('memberInA'));
  });

  it('filters never widen the scope: another team or another user gives an empty list', async () => {
    expect(await listedKeyIds(tenancy.keys.member, `&team_id=${tenancy.teamB}`)).toEqual([]);
    expect(await listedKeyIds(tenancy.keys.member, `&user_id=${tenancy.users.teamAdmin}`)).toEqual([]);
    expect(await listedKeyIds(tenancy.keys.otherTeamAdmin, `&team_id=${tenancy.teamA}`)).toEqual([]);
  });
});

describe('/team/list holds exactly the caller’s teams', () => {
  it.each([
    ['member', 'teamA'],
    ['memberViewer', 'teamA'],
    ['teamAdmin', 'teamA'],
    ['otherTeamAdmin', 'teamB'],
  ] as const)('for %s', async (role, team) => {
    const result = await call(gateway, 'GET', '/team/list', tenancy.keys[role]);
    expect(result.status).toBe(200);
    expect((result.body as Array<{ team_id: string }>).map((entry) => entry.team_id)).toEqual([
      tenancy[team],
    ]);
  });
});

describe('/team/info of team A lists only the keys the caller may see', () => {
  it.each([
    ['member', ['memberInA']],
    ['memberViewer', ['memberViewerInA']],
    ['teamAdmin', ['teamAService', 'memberInA', 'memberViewerInA']],
  ] as const)('for %s', async (role, expected) => {
    const result = await call(gateway, 'GET', `/team/info?team_id=${tenancy.teamA}`, tenancy.keys[role]);
    expect(result.status).toBe(200);
    expect((result.body.keys as Array<{ token: string }>).map((entry) => entry.token).sort()).toEqual(
      ids(...expected),
    );
  });
});
