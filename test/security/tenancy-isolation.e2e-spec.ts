// Issue 12 (#2, #3, #6) and issue 16's tenancy fixes: one tenant can neither take over nor detect another
// tenant's users, keys or aliases. Every cross-tenant answer must equal the answer for something that
// does not exist — the tests compare the two answers, not just the status.
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { asMaster, call, unique } from '../support/management-api';
import { createTenancy, type Tenancy } from '../support/tenants';

let gateway: TestGateway;
let tenancy: Tenancy;
beforeAll(async () => {
  gateway = await startTestGateway();
  tenancy = await createTenancy(gateway);
});
afterAll(() => gateway?.close());

const post = (key: string, path: string, json: unknown) => call(gateway, 'POST', path, key, json);
const get = (key: string, path: string) => call(gateway, 'GET', path, key);

/** The parts of an answer a caller can compare. */
const answer = (result: { status: number; body: any }) => ({
  status: result.status,
  error: result.body?.error,
});

async function membersOf(teamId: string): Promise<string[]> {
  return (await get(gateway.masterKey, `/team/info?team_id=${teamId}`)).body.team_info.members;
}

describe('email squatting (#2)', () => {
  it('a user cannot set its own user_email; a proxy admin can', async () => {
    const email = `${unique('claimed')}@example.com`;
    const own = await post(tenancy.keys.member, '/user/update', {
      user_id: tenancy.users.member,
      user_email: email,
    });
    expect(own.status).toBe(403);
    expect(own.body.error.param).toBe('user_email');
    const byAdmin = await post(gateway.masterKey, '/user/update', {
      user_id: tenancy.users.member,
      user_email: email,
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.user_email).toBe(email);
  });

  it("an invite by user_email never attaches another team's user, even as admin", async () => {
    // The attack: team A's member holds an address that team B's admin then invites as an admin.
    const { user_email: email } = (await get(tenancy.keys.member, '/user/info')).body.user_info;
    const invited = await post(tenancy.keys.otherTeamAdmin, '/team/member_add', {
      team_id: tenancy.teamB,
      member: { user_email: email, role: 'admin' },
    });
    const unknown = await post(tenancy.keys.otherTeamAdmin, '/team/member_add', {
      team_id: tenancy.teamB,
      member: { user_email: `${unique('nobody')}@example.com`, role: 'admin' },
    });
    expect(invited.status).toBe(404);
    expect(answer(invited)).toEqual(answer(unknown));
    expect(await membersOf(tenancy.teamB)).not.toContain(tenancy.users.member);
  });
});

describe('team admins add only users of their own tenancy (#3)', () => {
  it("another team's user by user_id looks exactly like a user that does not exist", async () => {
    const other = await post(tenancy.keys.otherTeamAdmin, '/team/member_add', {
      team_id: tenancy.teamB,
      member: { user_id: tenancy.users.member, role: 'user' },
    });
    const unknown = await post(tenancy.keys.otherTeamAdmin, '/team/member_add', {
      team_id: tenancy.teamB,
      member: { user_id: unique('ghost'), role: 'user' },
    });
    expect(other.status).toBe(404);
    expect(answer(other)).toEqual(answer(unknown));
    expect(await membersOf(tenancy.teamB)).not.toContain(tenancy.users.member);
  });

  it('a user in no team can be added; only a proxy admin adds a user of another team', async () => {
    const loose = await asMaster(gateway, '/user/new', {
      user_email: `${unique('loose')}@example.com`,
      auto_create_key: false,
    });
    const added = await post(tenancy.keys.otherTeamAdmin, '/team/member_add', {
      team_id: tenancy.teamB,
      member: { user_email: loose.user_email, role: 'user' },
    });
    expect(added.status).toBe(200);
    // Now a member of B, the user is out of team A's admin's reach.
    const pulled = await post(tenancy.keys.teamAdmin, '/team/member_add', {
      team_id: tenancy.teamA,
      member: { user_id: loose.user_id },
    });
    expect(pulled.status).toBe(404);
    const byProxyAdmin = await post(tenancy.keys.proxyAdmin, '/team/member_add', {
      team_id: tenancy.teamA,
      member: { user_id: loose.user_id },
    });
    expect(byProxyAdmin.status).toBe(200);
  });

  it.each(['proxyAdmin', 'adminViewer'] as const)(
    "the %s user (in no team) is the operator's: a team admin can neither pull them in nor detect them",
    async (role) => {
      const { user_email: email } = (
        await get(gateway.masterKey, `/user/info?user_id=${tenancy.users[role]}`)
      ).body.user_info;
      const byId = await post(tenancy.keys.otherTeamAdmin, '/team/member_add', {
        team_id: tenancy.teamB,
        member: { user_id: tenancy.users[role], role: 'user' },
      });
      const byEmail = await post(tenancy.keys.otherTeamAdmin, '/team/member_add', {
        team_id: tenancy.teamB,
        member: { user_email: email, role: 'user' },
      });
      const unknownId = await post(tenancy.keys.otherTeamAdmin, '/team/member_add', {
        team_id: tenancy.teamB,
        member: { user_id: unique('ghost'), role: 'user' },
      });
      const unknownEmail = await post(tenancy.keys.otherTeamAdmin, '/team/member_add', {
        team_id: tenancy.teamB,
        member: { user_email: `${unique('nobody')}@example.com`, role: 'user' },
      });
      expect(byId.status).toBe(404);
      expect(answer(byId)).toEqual(answer(unknownId));
      expect(answer(byEmail)).toEqual(answer(unknownEmail));
      expect(await membersOf(tenancy.teamB)).not.toContain(tenancy.users[role]);
    },
  );

  it('a team admin still changes the role of its own members', async () => {
    const promoted = await post(tenancy.keys.teamAdmin, '/team/member_add', {
      team_id: tenancy.teamA,
      member: { user_id: tenancy.users.memberViewer, role: 'user' },
    });
    expect(promoted.status).toBe(200);
  });
});

describe('no existence leaks across tenants (#6)', () => {
  it('key_alias is unique per team: another team may use the same alias, its own team may not', async () => {
    const alias = unique('shared-alias');
    expect(
      (await post(tenancy.keys.teamAdmin, '/key/generate', { team_id: tenancy.teamA, key_alias: alias }))
        .status,
    ).toBe(200);
    const otherTeam = await post(tenancy.keys.otherTeamAdmin, '/key/generate', {
      team_id: tenancy.teamB,
      key_alias: alias,
    });
    expect(otherTeam.status).toBe(200);
    const again = await post(tenancy.keys.otherTeamAdmin, '/key/generate', {
      team_id: tenancy.teamB,
      key_alias: alias,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.param).toBe('key_alias');
  });

  it("personal key aliases are unique per user, and never clash with another user's", async () => {
    const alias = unique('personal');
    const mine = await post(tenancy.keys.otherTeamAdmin, '/key/generate', { key_alias: alias });
    expect(mine.status).toBe(200);
    expect((await post(tenancy.keys.otherTeamAdmin, '/key/generate', { key_alias: alias })).status).toBe(409);
    const renamed = await post(tenancy.keys.otherTeamAdmin, '/key/generate', { key_alias: unique('p') });
    const clash = await post(tenancy.keys.otherTeamAdmin, '/key/update', {
      key: renamed.body.token,
      key_alias: alias,
    });
    expect(clash.status).toBe(409);
    expect(
      (await post(gateway.masterKey, '/key/generate', { user_id: tenancy.users.teamAdmin, key_alias: alias }))
        .status,
    ).toBe(200);
  });

  it("a key for another tenant's user answers as for an unknown user (team and personal keys)", async () => {
    for (const [caller, teamId] of [
      [tenancy.keys.teamAdmin, tenancy.teamA],
      [tenancy.keys.member, tenancy.teamA],
      [tenancy.keys.member, undefined],
    ] as const) {
      const other = await post(caller, '/key/generate', {
        team_id: teamId,
        user_id: tenancy.users.otherTeamAdmin,
      });
      const unknown = await post(caller, '/key/generate', { team_id: teamId, user_id: unique('ghost') });
      expect(other.status).toBe(404);
      expect(answer(other)).toEqual(answer(unknown));
    }
  });

  it("another tenant's user id in /user/info answers as an unknown id (probe)", async () => {
    const other = await get(tenancy.keys.teamAdmin, `/user/info?user_id=${tenancy.users.otherTeamAdmin}`);
    const unknown = await get(tenancy.keys.teamAdmin, `/user/info?user_id=${unique('ghost')}`);
    expect(other.status).toBe(404);
    expect(answer(other)).toEqual(answer(unknown));
  });

  it("another team's team, key and member answer 404 like unknown ones (probes)", async () => {
    const admin = tenancy.keys.otherTeamAdmin;
    const pairs: [string, string][] = [
      [`/team/info?team_id=${tenancy.teamA}`, `/team/info?team_id=${unique('t')}`],
      [`/key/info?key=${tenancy.teamAServiceKey.token}`, `/key/info?key=${unique('k')}`],
      [`/key/info?key=${tenancy.teamAServiceKey.key}`, `/key/info?key=sk-${unique('k')}`],
    ];
    for (const [real, fake] of pairs) {
      const [seen, unseen] = [await get(admin, real), await get(admin, fake)];
      expect(seen.status).toBe(404);
      expect(answer(seen)).toEqual(answer(unseen));
    }
    const removeReal = await post(admin, '/team/member_delete', {
      team_id: tenancy.teamA,
      user_id: tenancy.users.member,
    });
    const removeFake = await post(admin, '/team/member_delete', {
      team_id: unique('t'),
      user_id: tenancy.users.member,
    });
    expect(answer(removeReal)).toEqual(answer(removeFake));
    const listed = await get(admin, `/key/list?team_id=${tenancy.teamA}`);
    expect(listed.body.keys).toEqual([]);
  });
});

describe('a team key is confined to its team on /user/* (issue 16)', () => {
  async function teamKeyOfMemberInTwoTeams() {
    const user = await asMaster(gateway, '/user/new', { user_email: `${unique('two')}@example.com` });
    const teamC = await asMaster(gateway, '/team/new', {
      team_alias: unique('team-c'),
      members_with_roles: [{ user_id: user.user_id, role: 'user' }],
    });
    await asMaster(gateway, '/team/member_add', {
      team_id: tenancy.teamB,
      member: { user_id: user.user_id },
    });
    const teamKey = await asMaster(gateway, '/key/generate', {
      team_id: teamC.team_id,
      user_id: user.user_id,
    });
    return { user, teamC: teamC.team_id as string, teamKey: teamKey.key as string };
  }

  it("/user/info through a team key shows only that team; the personal key shows all the user's teams", async () => {
    const { user, teamC, teamKey } = await teamKeyOfMemberInTwoTeams();
    const viaTeamKey = await get(teamKey, '/user/info');
    expect(viaTeamKey.status).toBe(200);
    expect(viaTeamKey.body.teams).toEqual([teamC]);
    expect(viaTeamKey.body.user_info.teams).toEqual([teamC]);
    const viaPersonalKey = await get(user.key, '/user/info');
    expect([...viaPersonalKey.body.teams].sort()).toEqual([teamC, tenancy.teamB].sort());
  });

  it('a team key cannot edit its user; the personal key can', async () => {
    const { user, teamKey } = await teamKeyOfMemberInTwoTeams();
    const viaTeamKey = await post(teamKey, '/user/update', {
      user_id: user.user_id,
      metadata: { by: 'team key' },
    });
    expect(viaTeamKey.status).toBe(403);
    const viaPersonalKey = await post(user.key, '/user/update', {
      user_id: user.user_id,
      metadata: { by: 'me' },
    });
    expect(viaPersonalKey.status).toBe(200);
  });

  it("a team admin does not see a member's other teams", async () => {
    const { user } = await teamKeyOfMemberInTwoTeams();
    await asMaster(gateway, '/team/member_add', {
      team_id: tenancy.teamA,
      member: { user_id: user.user_id },
    });
    const seen = await get(tenancy.keys.teamAdmin, `/user/info?user_id=${user.user_id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.teams).toEqual([tenancy.teamA]);
  });
});
