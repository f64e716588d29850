// A key bound to a team acts only in that team, even when its user is an admin of another team: binding a
// key to a user must not hand the key's creator that user's rights elsewhere.
import { asMaster, call } from '../support/management-api';
import { createTenancy, type Tenancy } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway?.close());

/** U = the admin of team B, also made a plain member of team A. */
async function adminOfBInTeamA(): Promise<Tenancy> {
  const tenancy = await createTenancy(gateway);
  await asMaster(gateway, '/team/member_add', {
    team_id: tenancy.teamA,
    member: { user_id: tenancy.users.otherTeamAdmin, role: 'user' },
  });
  return tenancy;
}

describe('a key bound to team A and to a user who administers team B', () => {
  it("carries none of the user's admin rights in team B and cannot reach the user's personal keys", async () => {
    const tenancy = await adminOfBInTeamA();
    const personalKey = tenancy.keys.otherTeamAdmin;
    const personalKeyId = (await call(gateway, 'GET', '/key/info', personalKey)).body.key as string;
    // Made by a proxy admin, who may bind any key: the key itself must still stay inside team A.
    const teamKey = (
      await asMaster(gateway, '/key/generate', {
        team_id: tenancy.teamA,
        user_id: tenancy.users.otherTeamAdmin,
      })
    ).key as string;

    // The user's own (personal) key manages team B: the rights exist, just not on the team A key.
    expect((await call(gateway, 'GET', `/key/info?key=${tenancy.teamBKey.token}`, personalKey)).status).toBe(
      200,
    );

    const post = (path: string, json: unknown) => call(gateway, 'POST', path, teamKey, json);
    expect((await call(gateway, 'GET', `/key/info?key=${tenancy.teamBKey.token}`, teamKey)).status).toBe(404);
    expect((await post('/key/generate', { team_id: tenancy.teamB })).status).toBe(404);
    expect((await post('/key/regenerate', { key: tenancy.teamBKey.token })).status).toBe(404);
    expect(
      (
        await post('/team/member_add', {
          team_id: tenancy.teamB,
          member: { user_id: tenancy.users.member, role: 'admin' },
        })
      ).status,
    ).toBe(404);
    expect((await post('/team/update', { team_id: tenancy.teamB, metadata: { taken: true } })).status).toBe(
      404,
    );

    // Personal keys (no team) are out of the team key's reach: neither regenerated nor created.
    expect((await post('/key/regenerate', { key: personalKeyId })).status).toBe(404);
    expect((await post('/key/generate', {})).status).toBe(403);
    const listed = await call(gateway, 'GET', '/key/list', teamKey);
    expect(listed.body.keys).not.toContain(personalKeyId);
    expect((await call(gateway, 'GET', '/key/info', personalKey)).status).toBe(200);

    // Inside team A it still works as the member it is: it may make and manage its own team A keys.
    const own = await post('/key/generate', { team_id: tenancy.teamA });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ team_id: tenancy.teamA, user_id: tenancy.users.otherTeamAdmin });
    expect((await post('/key/update', { key: own.body.token, metadata: { mine: true } })).status).toBe(200);
  });

  it('cannot be created by a team admin who does not administer team B', async () => {
    const tenancy = await createTenancy(gateway);
    // The scenario of the review: team A's admin adds B's admin to team A, then binds a key to them.
    // Adding another tenant's user is now refused as "not found" (test/security); a proxy admin may.
    const added = await call(gateway, 'POST', '/team/member_add', tenancy.keys.teamAdmin, {
      team_id: tenancy.teamA,
      member: { user_id: tenancy.users.otherTeamAdmin, role: 'user' },
    });
    expect(added.status).toBe(404);
    await asMaster(gateway, '/team/member_add', {
      team_id: tenancy.teamA,
      member: { user_id: tenancy.users.otherTeamAdmin, role: 'user' },
    });
    const result = await call(gateway, 'POST', '/key/generate', tenancy.keys.teamAdmin, {
      team_id: tenancy.teamA,
      user_id: tenancy.users.otherTeamAdmin,
    });
    expect(result.status).toBe(403);
    expect(result.body.error).toMatchObject({ type: 'permission_error', param: 'user_id' });

    // Binding a key to an ordinary member of the team still works.
    const member = await call(gateway, 'POST', '/key/generate', tenancy.keys.teamAdmin, {
      team_id: tenancy.teamA,
      user_id: tenancy.users.member,
    });
    expect(member.status).toBe(200);
  });
});
