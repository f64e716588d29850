// The full role × endpoint matrix of the management API: who may do what, and who is refused how.
// 403 = the caller's role may not do this; 404 = the object is outside the caller's tenant scope.
// A refused write leaves the database as it was (checked on every object the request names).
import type { PrismaClient } from '@quarry/db';
import { newPrismaClient } from '../support/database';
import { asMaster, call, unique } from '../support/management-api';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database';
import { createTenancy, type Tenancy } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

type Actor =
  'master' | 'proxyAdmin' | 'adminViewer' | 'teamAdmin' | 'member' | 'memberViewer' | 'otherTeamAdmin';
const ACTORS: Actor[] = [
  'master',
  'proxyAdmin',
  'adminViewer',
  'teamAdmin',
  'member',
  'memberViewer',
  'otherTeamAdmin',
];

interface Request {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
}
interface Row {
  name: string;
  /** Builds the request, creating a fresh target object when the request changes or deletes it. */
  request: (tenancy: Tenancy) => Promise<Request>;
  expected: Record<Actor, 200 | 403 | 404>;
}

let database: PrivateDatabase;
let gateway: TestGateway;
let tenancy: Tenancy;
let prisma: PrismaClient;

// A database of its own: the matrix adds API models, which would show in other suites' model lists.
beforeAll(async () => {
  database = await createPrivateDatabase();
  prisma = newPrismaClient(database.url);
  gateway = await startTestGateway({ env: { DATABASE_URL: database.url } });
  tenancy = await createTenancy(gateway);
});
afterAll(async () => {
  await gateway?.close();
  await prisma?.$disconnect();
  await database?.drop();
});

const freshTeamAKey = async (t: Tenancy) =>
  (await asMaster(gateway, '/key/generate', { team_id: t.teamA })).token as string;
const freshTeam = async () =>
  (await asMaster(gateway, '/team/new', { team_alias: unique('matrix') })).team_id as string;
const freshUser = async () =>
  (await asMaster(gateway, '/user/new', { user_email: `${unique('u')}@example.com`, auto_create_key: false }))
    .user_id as string;
const freshModel = async () =>
  (
    await asMaster(gateway, '/model/new', {
      model_name: unique('m'),
      litellm_params: { model: 'bedrock/amazon.nova-micro-v1:0' },
    })
  ).model_info.id as string;

const ALL_OK = {
  master: 200,
  proxyAdmin: 200,
  adminViewer: 200,
  teamAdmin: 200,
  member: 200,
  memberViewer: 200,
  otherTeamAdmin: 200,
} as const;
const ADMIN_ONLY = {
  master: 200,
  proxyAdmin: 200,
  adminViewer: 403,
  teamAdmin: 403,
  member: 403,
  memberViewer: 403,
  otherTeamAdmin: 403,
} as const;
/** Writes to team A (its keys, its settings, its members): team A's admin and proxy admins only. */
const TEAM_A_ADMIN_WRITE = {
  master: 200,
  proxyAdmin: 200,
  adminViewer: 403,
  teamAdmin: 200,
  member: 404,
  memberViewer: 403,
  otherTeamAdmin: 404,
} as const;

const ROWS: Row[] = [
  {
    name: 'POST /key/generate in team A (own key)',
    request: async (t) => ({ method: 'POST', path: '/key/generate', body: { team_id: t.teamA } }),
    expected: {
      master: 200,
      proxyAdmin: 200,
      adminViewer: 403,
      teamAdmin: 200,
      member: 200,
      memberViewer: 403,
      otherTeamAdmin: 404,
    },
  },
  {
    name: 'POST /key/generate in team A for another member',
    request: async (t) => ({
      method: 'POST',
      path: '/key/generate',
      body: { team_id: t.teamA, user_id: t.users.memberViewer },
    }),
    expected: {
      master: 200,
      proxyAdmin: 200,
      adminViewer: 403,
      teamAdmin: 200,
      member: 403,
      memberViewer: 403,
      otherTeamAdmin: 404,
    },
  },
  {
    name: 'POST /key/update of a team A key',
    request: async (t) => ({
      method: 'POST',
      path: '/key/update',
      body: { key: await freshTeamAKey(t), metadata: { x: 1 } },
    }),
    expected: TEAM_A_ADMIN_WRITE,
  },
  {
    name: 'POST /key/delete of a team A key',
    request: async (t) => ({ method: 'POST', path: '/key/delete', body: { keys: [await freshTeamAKey(t)] } }),
    expected: TEAM_A_ADMIN_WRITE,
  },
  {
    name: 'POST /key/regenerate of a team A key',
    request: async (t) => ({
      method: 'POST',
      path: '/key/regenerate',
      body: { key: await freshTeamAKey(t) },
    }),
    expected: TEAM_A_ADMIN_WRITE,
  },
  {
    name: 'POST /key/{key}/regenerate of a team A key',
    request: async (t) => ({ method: 'POST', path: `/key/${await freshTeamAKey(t)}/regenerate`, body: {} }),
    expected: TEAM_A_ADMIN_WRITE,
  },
  {
    name: 'POST /key/block of a team A key',
    request: async (t) => ({ method: 'POST', path: '/key/block', body: { key: await freshTeamAKey(t) } }),
    expected: TEAM_A_ADMIN_WRITE,
  },
  {
    name: 'POST /key/unblock of a team A key',
    request: async (t) => ({ method: 'POST', path: '/key/unblock', body: { key: await freshTeamAKey(t) } }),
    expected: TEAM_A_ADMIN_WRITE,
  },
  {
    name: 'GET /key/info of a team A key',
    request: async (t) => ({ method: 'GET', path: `/key/info?key=${t.teamAServiceKey.token}` }),
    expected: {
      master: 200,
      proxyAdmin: 200,
      adminViewer: 200,
      teamAdmin: 200,
      member: 404,
      memberViewer: 404,
      otherTeamAdmin: 404,
    },
  },
  {
    name: 'GET /key/list',
    request: async (t) => ({ method: 'GET', path: `/key/list?team_id=${t.teamA}` }),
    expected: ALL_OK,
  },
  {
    name: 'POST /team/new',
    request: async () => ({ method: 'POST', path: '/team/new', body: { team_alias: unique('new') } }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'POST /team/update of team A alias',
    request: async (t) => ({
      method: 'POST',
      path: '/team/update',
      body: { team_id: t.teamA, metadata: { note: unique('n') } },
    }),
    expected: TEAM_A_ADMIN_WRITE,
  },
  {
    name: 'POST /team/update of team A budget',
    request: async (t) => ({
      method: 'POST',
      path: '/team/update',
      body: { team_id: t.teamA, max_budget: 100 },
    }),
    expected: {
      master: 200,
      proxyAdmin: 200,
      adminViewer: 403,
      teamAdmin: 403,
      member: 404,
      memberViewer: 403,
      otherTeamAdmin: 404,
    },
  },
  {
    name: 'POST /team/delete',
    request: async () => ({ method: 'POST', path: '/team/delete', body: { team_ids: [await freshTeam()] } }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'GET /team/info of team A',
    request: async (t) => ({ method: 'GET', path: `/team/info?team_id=${t.teamA}` }),
    expected: { ...ALL_OK, otherTeamAdmin: 404 },
  },
  { name: 'GET /team/list', request: async () => ({ method: 'GET', path: '/team/list' }), expected: ALL_OK },
  {
    name: 'POST /team/member_add to team A',
    request: async (t) => ({
      method: 'POST',
      path: '/team/member_add',
      // A user in no team (team admins add existing users of their own tenancy only).
      body: { team_id: t.teamA, member: { user_id: await freshUser() } },
    }),
    expected: TEAM_A_ADMIN_WRITE,
  },
  {
    name: 'POST /team/member_delete from team A',
    request: async (t) => {
      const user = await freshUser();
      await asMaster(gateway, '/team/member_add', { team_id: t.teamA, member: { user_id: user } });
      return { method: 'POST', path: '/team/member_delete', body: { team_id: t.teamA, user_id: user } };
    },
    expected: TEAM_A_ADMIN_WRITE,
  },
  {
    name: 'POST /team/block',
    request: async () => ({ method: 'POST', path: '/team/block', body: { team_id: await freshTeam() } }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'POST /team/unblock',
    request: async () => ({ method: 'POST', path: '/team/unblock', body: { team_id: await freshTeam() } }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'POST /user/new',
    request: async () => ({
      method: 'POST',
      path: '/user/new',
      body: { user_email: `${unique('n')}@example.com` },
    }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'POST /user/update of another user',
    request: async () => ({
      method: 'POST',
      path: '/user/update',
      body: { user_id: await freshUser(), metadata: { a: 1 } },
    }),
    expected: {
      master: 200,
      proxyAdmin: 200,
      adminViewer: 403,
      teamAdmin: 404,
      member: 404,
      memberViewer: 403,
      otherTeamAdmin: 404,
    },
  },
  {
    name: 'POST /user/delete',
    request: async () => ({ method: 'POST', path: '/user/delete', body: { user_ids: [await freshUser()] } }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'GET /user/info of a team A member',
    request: async (t) => ({ method: 'GET', path: `/user/info?user_id=${t.users.member}` }),
    expected: {
      master: 200,
      proxyAdmin: 200,
      adminViewer: 200,
      teamAdmin: 200,
      member: 200,
      memberViewer: 404,
      otherTeamAdmin: 404,
    },
  },
  {
    name: 'GET /user/list',
    request: async () => ({ method: 'GET', path: '/user/list' }),
    expected: {
      master: 200,
      proxyAdmin: 200,
      adminViewer: 200,
      teamAdmin: 403,
      member: 403,
      memberViewer: 403,
      otherTeamAdmin: 403,
    },
  },
  {
    name: 'POST /model/new',
    request: async () => ({
      method: 'POST',
      path: '/model/new',
      body: { model_name: unique('m'), litellm_params: { model: 'bedrock/amazon.nova-lite-v1:0' } },
    }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'POST /model/update',
    request: async () => ({
      method: 'POST',
      path: '/model/update',
      body: { model_info: { id: await freshModel(), base_model: 'amazon.nova-micro-v1:0' } },
    }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'POST /model/delete',
    request: async () => ({ method: 'POST', path: '/model/delete', body: { id: await freshModel() } }),
    expected: ADMIN_ONLY,
  },
  {
    name: 'GET /model/info',
    request: async () => ({ method: 'GET', path: '/model/info' }),
    expected: ALL_OK,
  },
  {
    name: 'GET /model_group/info',
    request: async () => ({ method: 'GET', path: '/model_group/info' }),
    expected: ALL_OK,
  },
  { name: 'GET /v1/models', request: async () => ({ method: 'GET', path: '/v1/models' }), expected: ALL_OK },
];

const CASES = ROWS.flatMap((row) =>
  ACTORS.map((actor) => [row.name, actor, row.expected[actor], row] as const),
);

/**
 * Every row the request names or would create: the keys, teams (with their members), users and models
 * it refers to by id, and those it would create by alias, email or name.
 */
async function stateTouchedBy(request: Request): Promise<unknown> {
  const body = (request.body ?? {}) as Record<string, any>;
  const present = <T>(...values: Array<T | undefined>) => values.filter((value): value is T => !!value);
  const keyIds = present<string>(
    body.key,
    ...(body.keys ?? []),
    /^\/key\/([^/]+)\/regenerate$/.exec(request.path)?.[1],
  );
  const teamIds = present<string>(body.team_id, ...(body.team_ids ?? []));
  const userIds = present<string>(body.user_id, ...(body.user_ids ?? []));
  const emails = present<string>(body.user_email, body.member?.user_email);
  const modelIds = present<string>(body.id, body.model_info?.id);
  const orderById = { id: 'asc' } as const;
  return {
    keys: await prisma.virtualKey.findMany({
      where: { OR: [{ id: { in: keyIds } }, { teamId: { in: teamIds } }, { userId: { in: userIds } }] },
      orderBy: orderById,
    }),
    teams: await prisma.team.findMany({
      where: {
        OR: [{ id: { in: teamIds } }, ...(body.team_alias ? [{ alias: body.team_alias as string }] : [])],
      },
      include: { members: { orderBy: { userId: 'asc' } } },
      orderBy: orderById,
    }),
    users: await prisma.user.findMany({
      where: { OR: [{ id: { in: userIds } }, { email: { in: emails } }] },
      include: { memberships: { orderBy: { teamId: 'asc' } } },
      orderBy: orderById,
    }),
    models: await prisma.modelDeployment.findMany({
      where: {
        OR: [
          { id: { in: modelIds } },
          ...(body.model_name ? [{ modelName: body.model_name as string }] : []),
        ],
      },
      orderBy: orderById,
    }),
  };
}

it.each(CASES)('%s as %s → %i', async (_name, actor, expected, row) => {
  const request = await row.request(tenancy);
  const key = actor === 'master' ? gateway.masterKey : tenancy.keys[actor];
  const before = expected !== 200 && request.method === 'POST' ? await stateTouchedBy(request) : undefined;
  const result = await call(gateway, request.method, request.path, key, request.body);
  expect({ status: result.status, body: result.status === expected ? undefined : result.body }).toEqual({
    status: expected,
    body: undefined,
  });
  if (expected !== 200) {
    expect(result.body.error.type).toBe(expected === 403 ? 'permission_error' : 'not_found_error');
    // No refusal echoes a key: not the caller's, not the target's.
    expect(result.text).not.toMatch(/sk-[A-Za-z0-9_-]{20,}/);
  }
  if (before !== undefined) expect(await stateTouchedBy(request)).toEqual(before);
});
