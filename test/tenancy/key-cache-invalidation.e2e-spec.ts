// A key cached by a gateway instance is dropped when anything its principal carries changes: the key's
// models or aliases, its team's models, its user's memberships. The change is made through instance A;
// instance B, which has the key cached, must see it well within the cache TTL (30 s), so only an
// invalidation message can explain it. And when an instance's LISTEN connection drops, it drops every
// cached key (it may have missed messages): a change made behind the gateway's back shows up then.
import { Client } from 'pg';
import { newPrismaClient } from '../support/database';
import { asMaster, call, unique } from '../support/management-api';
import { waitUntil } from '../support/polling';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const ALPHA = unique('inv-alpha');
const BETA = unique('inv-beta');
const CONFIG = `
model_list:
  - model_name: ${ALPHA}
    litellm_params: { model: bedrock/anthropic.claude-3-haiku-20240307-v1:0 }
  - model_name: ${BETA}
    litellm_params: { model: bedrock/amazon.nova-lite-v1:0 }
`;
/** Far below the 30 s key cache TTL. */
const WITHIN_MS = 5_000;

async function modelsSeenBy(gateway: TestGateway, key: string): Promise<string[]> {
  const result = await call(gateway, 'GET', '/v1/models', key);
  expect(result.status).toBe(200);
  return (result.body.data as Array<{ id: string }>).map((model) => model.id).sort();
}

async function teamsSeenBy(gateway: TestGateway, key: string): Promise<string[]> {
  const result = await call(gateway, 'GET', '/team/list', key);
  expect(result.status).toBe(200);
  return (result.body as Array<{ team_id: string }>).map((team) => team.team_id);
}

/** B must come to see `expected` (it had the key cached); A, where the change was made, sees it at once. */
async function bothSee(
  [a, b]: [TestGateway, TestGateway],
  read: (gateway: TestGateway) => Promise<string[]>,
  expected: string[],
) {
  expect(await read(a)).toEqual(expected);
  await waitUntil(
    `instance B to see ${JSON.stringify(expected)}`,
    async () => JSON.stringify(await read(b)) === JSON.stringify(expected),
    { timeoutMs: WITHIN_MS },
  );
}

describe('across two instances', () => {
  let a: TestGateway;
  let b: TestGateway;
  beforeAll(async () => {
    [a, b] = await Promise.all([
      startTestGateway({ configYaml: CONFIG }),
      startTestGateway({ configYaml: CONFIG }),
    ]);
  });
  afterAll(() => Promise.all([a?.close(), b?.close()]));

  it("drops a cached key when the key's models change", async () => {
    const { key, token } = await asMaster(a, '/key/generate', { models: [ALPHA] });
    expect(await modelsSeenBy(b, key)).toEqual([ALPHA]); // cached on B
    await asMaster(a, '/key/update', { key: token, models: [BETA] });
    await bothSee([a, b], (gateway) => modelsSeenBy(gateway, key), [BETA]);
  });

  it("drops a cached key when the key's aliases change", async () => {
    const { key, token } = await asMaster(a, '/key/generate', { models: [ALPHA] });
    expect(await modelsSeenBy(b, key)).toEqual([ALPHA]);
    await asMaster(a, '/key/update', { key: token, aliases: { 'fast-model': ALPHA } });
    await bothSee([a, b], (gateway) => modelsSeenBy(gateway, key), [ALPHA, 'fast-model'].sort());
  });

  it("drops a cached key when its team's models change", async () => {
    const team = await asMaster(a, '/team/new', { team_alias: unique('inv'), models: [ALPHA, BETA] });
    const { key } = await asMaster(a, '/key/generate', { team_id: team.team_id, models: [ALPHA, BETA] });
    expect(await modelsSeenBy(b, key)).toEqual([ALPHA, BETA].sort());
    await asMaster(a, '/team/update', { team_id: team.team_id, models: [BETA] });
    await bothSee([a, b], (gateway) => modelsSeenBy(gateway, key), [BETA]);
  });

  it("drops a cached key when its user's memberships change", async () => {
    const user = await asMaster(a, '/user/new', { user_email: `${unique('inv')}@example.com` });
    const team = await asMaster(a, '/team/new', { team_alias: unique('inv') });
    expect(await teamsSeenBy(b, user.key)).toEqual([]);
    await asMaster(a, '/team/member_add', { team_id: team.team_id, member: { user_id: user.user_id } });
    await bothSee([a, b], (gateway) => teamsSeenBy(gateway, user.key), [team.team_id]);
    await asMaster(a, '/team/member_delete', { team_id: team.team_id, user_id: user.user_id });
    await bothSee([a, b], (gateway) => teamsSeenBy(gateway, user.key), []);
  });
});

describe('when the LISTEN connection is lost (own database)', () => {
  let database: PrivateDatabase;
  let gateway: TestGateway;
  beforeAll(async () => {
    database = await createPrivateDatabase();
    gateway = await startTestGateway({ configYaml: CONFIG, env: { DATABASE_URL: database.url } });
  });
  afterAll(async () => {
    await gateway?.close();
    await database?.drop();
  });

  it('drops every cached key, so a change it was never told about shows up', async () => {
    const { key, token } = await asMaster(gateway, '/key/generate', { models: [ALPHA] });
    expect(await modelsSeenBy(gateway, key)).toEqual([ALPHA]);
    // Changed behind the gateway's back (no invalidation message): the cached key still answers.
    const prisma = newPrismaClient(database.url);
    try {
      await prisma.virtualKey.update({ where: { id: token }, data: { models: [BETA] } });
    } finally {
      await prisma.$disconnect();
    }
    expect(await modelsSeenBy(gateway, key)).toEqual([ALPHA]);

    const sql = new Client({ connectionString: database.url });
    await sql.connect();
    try {
      const killed = await sql.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'quarry-invalidation'",
      );
      expect(killed.rowCount).toBe(1);
    } finally {
      await sql.end();
    }
    await waitUntil(
      'the gateway to drop its cached keys after losing its LISTEN connection',
      async () => JSON.stringify(await modelsSeenBy(gateway, key)) === JSON.stringify([BETA]),
      { timeoutMs: WITHIN_MS },
    );
  });
});
