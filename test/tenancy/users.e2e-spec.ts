// /user/* end to end, and what users may (not) change about themselves.
import { asMaster, call, unique } from '../support/management-api';
import { createTenancy, type Tenancy } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
let tenancy: Tenancy;
beforeAll(async () => {
  gateway = await startTestGateway();
  tenancy = await createTenancy(gateway);
});
afterAll(() => gateway?.close());

describe('user lifecycle', () => {
  it('creates a user with a personal key by default (LiteLLM auto_create_key) and LiteLLM fields', async () => {
    const email = `${unique('new')}@example.com`;
    const created = await asMaster(gateway, '/user/new', {
      user_email: email,
      user_role: 'internal_user_viewer',
      models: ['claude'],
      max_budget: 20,
      budget_duration: '1mo',
      tpm_limit: 100,
      metadata: { department: 'legal' },
      teams: [tenancy.teamB],
      key_alias: unique('personal'),
    });
    expect(created).toMatchObject({
      user_email: email,
      user_role: 'internal_user_viewer',
      models: ['claude'],
      max_budget: 20,
      budget_duration: '1mo',
      tpm_limit: 100,
      metadata: { department: 'legal' },
      teams: [tenancy.teamB],
    });
    expect(created.key).toMatch(/^sk-/);
    const info = await call(gateway, 'GET', '/user/info', created.key);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      user_id: created.user_id,
      user_info: { user_email: email },
      teams: [tenancy.teamB],
    });
    expect(info.body.keys.map((key: { token: string }) => key.token)).toEqual([created.token]);
  });

  it('creates a user without a key when auto_create_key is false', async () => {
    const created = await asMaster(gateway, '/user/new', {
      user_email: `${unique('nokey')}@example.com`,
      auto_create_key: false,
    });
    expect(created.key).toBeUndefined();
  });

  it('refuses a duplicate email (409), an unknown role (400) and an unknown team (404)', async () => {
    const email = `${unique('dup')}@example.com`;
    await asMaster(gateway, '/user/new', { user_email: email, auto_create_key: false });
    expect((await call(gateway, 'POST', '/user/new', gateway.masterKey, { user_email: email })).status).toBe(
      409,
    );
    const role = await call(gateway, 'POST', '/user/new', gateway.masterKey, { user_role: 'root' });
    expect(role.status).toBe(400);
    expect(role.body.error.param).toBe('user_role');
    expect(
      (await call(gateway, 'POST', '/user/new', gateway.masterKey, { teams: [unique('none')] })).status,
    ).toBe(404);
  });

  it('lists users paginated and filtered by role and team', async () => {
    const team = await asMaster(gateway, '/team/new', { team_alias: unique('ulist') });
    for (let index = 0; index < 3; index++)
      await asMaster(gateway, '/user/new', {
        user_email: `${unique('ul')}@example.com`,
        teams: [team.team_id],
        auto_create_key: false,
      });
    const page = await call(
      gateway,
      'GET',
      `/user/list?team_id=${team.team_id}&page_size=2&page=2`,
      gateway.masterKey,
    );
    expect(page.body).toMatchObject({ total: 3, page: 2, page_size: 2, total_pages: 2 });
    expect(page.body.users).toHaveLength(1);
    const admins = await call(
      gateway,
      'GET',
      '/user/list?role=proxy_admin_viewer&page_size=100',
      tenancy.keys.adminViewer,
    );
    expect(admins.body.users.map((user: { user_id: string }) => user.user_id)).toContain(
      tenancy.users.adminViewer,
    );
    expect(
      admins.body.users.every((user: { user_role: string }) => user.user_role === 'proxy_admin_viewer'),
    ).toBe(true);
  });

  it('deleting a user revokes all of its keys', async () => {
    const created = await asMaster(gateway, '/user/new', {
      user_email: `${unique('gone')}@example.com`,
      teams: [tenancy.teamA],
    });
    const teamKey = await asMaster(gateway, '/key/generate', {
      team_id: tenancy.teamA,
      user_id: created.user_id,
    });
    for (const key of [created.key, teamKey.key])
      expect((await call(gateway, 'GET', '/v1/models', key)).status).toBe(200);
    const deleted = await asMaster(gateway, '/user/delete', { user_ids: [created.user_id] });
    expect(deleted.deleted_keys.sort()).toEqual([created.token, teamKey.token].sort());
    for (const key of [created.key, teamKey.key])
      expect((await call(gateway, 'GET', '/v1/models', key)).status).toBe(401);
  });
});

describe('no user grants itself more than it has', () => {
  // A user of each test's own: tests here change the user (metadata, budget), so a shared one would make
  // the result of one test depend on which ran before it.
  let self: { user_id: string; key: string };
  beforeEach(async () => {
    self = await asMaster(gateway, '/user/new', {
      user_email: `${unique('self')}@example.com`,
      models: ['claude'],
      max_budget: 10,
      rpm_limit: 5,
    });
  });
  const asSelf = (path: string, body: unknown) => call(gateway, 'POST', path, self.key, body);

  it.each([
    ['its role', { user_role: 'proxy_admin' }, 'user_role'],
    ['its budget', { max_budget: 1_000_000 }, 'max_budget'],
    ['its models', { models: [] }, 'models'],
    ['its rate limits', { rpm_limit: 1_000_000 }, 'rpm_limit'],
  ])('an internal user cannot change %s', async (_what, change, param) => {
    const result = await asSelf('/user/update', { user_id: self.user_id, ...change });
    expect(result.status).toBe(403);
    expect(result.body.error.param).toBe(param);
    const info = await call(gateway, 'GET', '/user/info', self.key);
    expect(info.body.user_info).toMatchObject({
      user_role: 'internal_user',
      max_budget: 10,
      models: ['claude'],
      rpm_limit: 5,
    });
  });

  it('an internal user cannot change its teams: no such field (400), no joining another team (404)', async () => {
    const field = await asSelf('/user/update', { user_id: self.user_id, teams: [tenancy.teamA] });
    expect(field.status).toBe(400);
    expect(field.body.error.param).toBe('teams');
    const join = await asSelf('/team/member_add', {
      team_id: tenancy.teamA,
      member: { user_id: self.user_id, role: 'admin' },
    });
    expect(join.status).toBe(404);
  });

  it('an internal user may change its own metadata', async () => {
    const result = await asSelf('/user/update', { user_id: self.user_id, metadata: { theme: 'dark' } });
    expect(result.status).toBe(200);
    expect(result.body.metadata).toEqual({ theme: 'dark' });
  });

  it('an internal user cannot create a personal key beyond its own models or budget, nor a key for someone else', async () => {
    expect((await asSelf('/key/generate', { models: ['llama'] })).status).toBe(403);
    expect((await asSelf('/key/generate', { max_budget: 11 })).status).toBe(403);
    // A user sharing no team with the caller is another tenant's: "not found", as an unknown id.
    expect((await asSelf('/key/generate', { user_id: tenancy.users.member })).status).toBe(404);
    const own = await asSelf('/key/generate', { models: ['claude'], max_budget: 10 });
    expect(own.status).toBe(200);
    expect(own.body.user_id).toBe(self.user_id);
  });

  it('a viewer cannot create keys at all', async () => {
    expect((await call(gateway, 'POST', '/key/generate', tenancy.keys.memberViewer, {})).status).toBe(403);
  });

  it('a proxy admin (user role) can do what the master key can', async () => {
    const promoted = await call(gateway, 'POST', '/user/update', tenancy.keys.proxyAdmin, {
      user_id: self.user_id,
      max_budget: 25,
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body.max_budget).toBe(25);
  });
});
