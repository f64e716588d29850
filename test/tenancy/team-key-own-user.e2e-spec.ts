// A key bound to a team sees its own user only as a member of that team: on /user/info, neither the
// user's other teams nor the user's keys elsewhere (personal keys, keys of other teams); and it cannot
// edit the user. The user's personal key still sees and edits everything that is the user's.
import { asMaster, call } from '../support/management-api';
import { createTeam, createUser } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway?.close());

it('a team key sees its user as a member of its team only, and cannot edit the user', async () => {
  const user = await createUser(gateway);
  const member = [{ user_id: user.id, role: 'user' as const }];
  const [teamC, teamD] = [
    await createTeam(gateway, { members: member }),
    await createTeam(gateway, { members: member }),
  ];
  const keyIn = async (team: string) =>
    (await asMaster(gateway, '/key/generate', { team_id: team, user_id: user.id })) as {
      key: string;
      token: string;
    };
  const [keyC, keyD] = [await keyIn(teamC), await keyIn(teamD)];
  const personalKeyId = (await call(gateway, 'GET', '/key/info', user.key)).body.key as string;

  const viaTeamKey = await call(gateway, 'GET', '/user/info', keyC.key);
  expect(viaTeamKey.status).toBe(200);
  expect(viaTeamKey.body.teams).toEqual([teamC]);
  expect(viaTeamKey.body.keys.map((key: { token: string }) => key.token)).toEqual([keyC.token]);

  const viaPersonalKey = await call(gateway, 'GET', '/user/info', user.key);
  expect([...viaPersonalKey.body.teams].sort()).toEqual([teamC, teamD].sort());
  expect(viaPersonalKey.body.keys.map((key: { token: string }) => key.token).sort()).toEqual(
    [personalKeyId, keyC.token, keyD.token].sort(),
  );

  const edit = (key: string) =>
    call(gateway, 'POST', '/user/update', key, { user_id: user.id, metadata: { by: key.slice(0, 8) } });
  expect((await edit(keyC.key)).status).toBe(403);
  expect((await edit(user.key)).status).toBe(200);
});
