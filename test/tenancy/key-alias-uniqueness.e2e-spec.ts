// key_alias is unique per team (two teams may each call a key "prod"), and keys without a team are unique
// per user (or, with no user either, among themselves). The database holds the line, not a check before
// the write: concurrent requests for the same alias get exactly one key and 409s for the rest.
import { asMaster, call, unique } from '../support/management-api';
import { createTeam, createUser } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway?.close());

const CONCURRENT = 12;

async function generateConcurrently(key: string, fields: Record<string, unknown>): Promise<number[]> {
  const results = await Promise.all(
    Array.from({ length: CONCURRENT }, () => call(gateway, 'POST', '/key/generate', key, fields)),
  );
  for (const result of results)
    if (result.status === 409)
      expect(result.body.error).toMatchObject({ param: 'key_alias', code: 'key_alias_exists' });
  return results.map((result) => result.status).sort();
}

const oneKeyRestConflicts = [200, ...Array<number>(CONCURRENT - 1).fill(409)];

describe('key_alias uniqueness', () => {
  it('lets two teams each use "prod"; a second "prod" in the same team is a 409', async () => {
    const alias = unique('prod');
    const [teamA, teamB] = [await createTeam(gateway), await createTeam(gateway)];
    expect(
      (await call(gateway, 'POST', '/key/generate', gateway.masterKey, { team_id: teamA, key_alias: alias }))
        .status,
    ).toBe(200);
    expect(
      (await call(gateway, 'POST', '/key/generate', gateway.masterKey, { team_id: teamB, key_alias: alias }))
        .status,
    ).toBe(200);
    const again = await call(gateway, 'POST', '/key/generate', gateway.masterKey, {
      team_id: teamA,
      key_alias: alias,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.param).toBe('key_alias');
  });

  it('gives one personal key per alias to a user racing with itself', async () => {
    const user = await createUser(gateway);
    expect(await generateConcurrently(user.key, { key_alias: unique('mine') })).toEqual(oneKeyRestConflicts);
  });

  it('gives one key per alias among keys of no team and no user, however concurrent', async () => {
    expect(await generateConcurrently(gateway.masterKey, { key_alias: unique('ownerless') })).toEqual(
      oneKeyRestConflicts,
    );
  });

  it("does not let another user's personal alias clash, nor a team key's", async () => {
    const alias = unique('shared');
    const [first, second] = [await createUser(gateway), await createUser(gateway)];
    const team = await createTeam(gateway, { members: [{ user_id: first.id, role: 'user' }] });
    expect((await call(gateway, 'POST', '/key/generate', first.key, { key_alias: alias })).status).toBe(200);
    expect((await call(gateway, 'POST', '/key/generate', second.key, { key_alias: alias })).status).toBe(200);
    expect(
      (await call(gateway, 'POST', '/key/generate', first.key, { team_id: team, key_alias: alias })).status,
    ).toBe(200);
  });

  it('refuses a move out of a team that would duplicate a personal alias', async () => {
    const alias = unique('move');
    const user = await createUser(gateway);
    const team = await createTeam(gateway, { members: [{ user_id: user.id, role: 'user' }] });
    await asMaster(gateway, '/key/generate', { user_id: user.id, key_alias: alias });
    const teamKey = await asMaster(gateway, '/key/generate', {
      team_id: team,
      user_id: user.id,
      key_alias: alias,
    });
    const moved = await call(gateway, 'POST', '/key/update', gateway.masterKey, {
      key: teamKey.token,
      team_id: null,
    });
    expect(moved.status).toBe(409);
    expect(moved.body.error.param).toBe('key_alias');
  });
});
