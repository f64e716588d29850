// /team/* end to end, the rules no team admin may break, and tenant isolation.
import { asMaster, call, unique } from '../support/management-api';
import { createTenancy, type Tenancy } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const CONFIG = `
model_list:
  - model_name: team-claude
    litellm_params: { model: bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0 }
    model_info: { access_groups: [team-group] }
  - model_name: team-llama
    litellm_params: { model: bedrock/meta.llama3-1-70b-instruct-v1:0 }
  - model_name: team-nova
    litellm_params: { model: bedrock/amazon.nova-micro-v1:0 }
    model_info: { access_groups: [team-group] }
`;

let gateway: TestGateway;
let tenancy: Tenancy;
beforeAll(async () => {
  gateway = await startTestGateway({ configYaml: CONFIG });
  tenancy = await createTenancy(gateway, ['team-group']);
});
afterAll(() => gateway?.close());

const models = (key: string) => gateway.request('/v1/models', { key }).then((response) => response.status);

describe('team lifecycle', () => {
  it('creates a team with LiteLLM fields and members, shows it in /team/info and /team/list', async () => {
    const email = `${unique('lead')}@example.com`;
    const alias = unique('platform');
    const team = await asMaster(gateway, '/team/new', {
      team_alias: alias,
      models: ['team-claude'],
      max_budget: 50,
      budget_duration: '30d',
      rpm_limit: 100,
      tpm_limit: 5000,
      metadata: { cost_center: 'cc-1' },
      members_with_roles: [{ user_email: email, role: 'admin' }],
    });
    expect(team).toMatchObject({
      team_alias: alias,
      models: ['team-claude'],
      max_budget: 50,
      budget_duration: '30d',
      rpm_limit: 100,
      tpm_limit: 5000,
      metadata: { cost_center: 'cc-1' },
      blocked: false,
      spend: 0,
      members_with_roles: [{ user_email: email, role: 'admin' }],
    });
    expect(team.admins).toEqual([team.members_with_roles[0].user_id]);

    const info = await call(gateway, 'GET', `/team/info?team_id=${team.team_id}`, gateway.masterKey);
    expect(info.body).toMatchObject({ team_id: team.team_id, team_info: { team_alias: alias }, keys: [] });
    const list = await call(gateway, 'GET', '/team/list', gateway.masterKey);
    expect(list.body.map((item: { team_id: string }) => item.team_id)).toContain(team.team_id);
  });

  it('updates a team (returns { team_id, data }) and refuses unknown fields naming them', async () => {
    const team = await asMaster(gateway, '/team/new', { team_alias: unique('upd') });
    const updated = await asMaster(gateway, '/team/update', {
      team_id: team.team_id,
      tpm_limit: 7,
      team_alias: 'renamed',
    });
    expect(updated).toMatchObject({ team_id: team.team_id, data: { tpm_limit: 7, team_alias: 'renamed' } });
    const unknown = await call(gateway, 'POST', '/team/update', gateway.masterKey, {
      team_id: team.team_id,
      budget: 5,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe('budget');
  });

  it('adds members (one or a list, creating unknown users) and removes them, revoking their team keys', async () => {
    const team = await asMaster(gateway, '/team/new', { team_alias: unique('members') });
    const email = `${unique('joiner')}@example.com`;
    const added = await asMaster(gateway, '/team/member_add', {
      team_id: team.team_id,
      member: { user_email: email, role: 'user' },
    });
    const userId = added.updated_users[0].user_id;
    expect(added.members_with_roles).toEqual([
      {
        user_id: userId,
        user_email: email,
        role: 'user',
        max_budget_in_team: null,
        spend: 0,
        budget_duration: null,
        budget_reset_at: null,
      },
    ]);
    const listed = await asMaster(gateway, '/team/member_add', {
      team_id: team.team_id,
      member: [
        { user_email: `${unique('a')}@example.com` },
        { user_email: `${unique('b')}@example.com`, role: 'admin' },
      ],
    });
    expect(listed.members_with_roles).toHaveLength(3);

    const memberKey = await asMaster(gateway, '/key/generate', { team_id: team.team_id, user_id: userId });
    expect(await models(memberKey.key)).toBe(200);
    const removed = await asMaster(gateway, '/team/member_delete', {
      team_id: team.team_id,
      user_email: email,
    });
    expect(removed.deleted_keys).toEqual([memberKey.token]);
    expect(await models(memberKey.key)).toBe(401);
  });

  it('deleting a team revokes its keys', async () => {
    const team = await asMaster(gateway, '/team/new', { team_alias: unique('doomed') });
    const key = await asMaster(gateway, '/key/generate', { team_id: team.team_id });
    expect(await models(key.key)).toBe(200);
    const deleted = await asMaster(gateway, '/team/delete', { team_ids: [team.team_id] });
    expect(deleted).toMatchObject({ deleted_teams: [team.team_id], deleted_keys: [key.token] });
    expect(await models(key.key)).toBe(401);
    expect((await call(gateway, 'GET', `/key/info?key=${key.token}`, gateway.masterKey)).status).toBe(404);
  });

  it('refuses a member without user_id or user_email with 400', async () => {
    const result = await call(gateway, 'POST', '/team/new', gateway.masterKey, {
      members_with_roles: [{ role: 'admin' }],
    });
    expect(result.status).toBe(400);
    expect(result.body.error.message).toContain('user_id or user_email');
  });

  it('a null user_email names nobody: it never picks some user without an email, in any tenant', async () => {
    // Users without an email exist (in other tenants too): a lookup by a null email would find one.
    await asMaster(gateway, '/user/new', { user_id: unique('no-email'), auto_create_key: false });
    const members = async () =>
      (await call(gateway, 'GET', `/team/info?team_id=${tenancy.teamA}`, gateway.masterKey)).body.team_info
        .members_with_roles;
    const before = await members();
    const asTeamAdmin = (path: string, json: unknown) =>
      call(gateway, 'POST', path, tenancy.keys.teamAdmin, json);

    for (const member of [
      { user_email: null, role: 'admin' },
      { user_id: null, user_email: null, role: 'admin' },
      { user_id: '', role: 'admin' },
    ]) {
      const added = await asTeamAdmin('/team/member_add', { team_id: tenancy.teamA, member });
      expect(added.status).toBe(400);
      expect(added.body.error.message).toContain('user_email');
    }
    const created = await call(gateway, 'POST', '/team/new', gateway.masterKey, {
      team_alias: unique('nulls'),
      members_with_roles: [{ user_email: null, role: 'admin' }],
    });
    expect(created.status).toBe(400);

    for (const body of [{ user_email: null }, { user_id: null, user_email: null }, { user_id: '' }]) {
      const removed = await asTeamAdmin('/team/member_delete', { team_id: tenancy.teamA, ...body });
      expect(removed.status).toBe(400);
      expect(removed.body.error.message).toContain('user_email');
    }
    expect(await members()).toEqual(before);

    // Beside a real reference, a null is only "not given" (LiteLLM clients send both fields).
    const email = `${unique('real')}@example.com`;
    const team = await asMaster(gateway, '/team/new', {
      team_alias: unique('nulls'),
      members_with_roles: [{ user_id: null, user_email: email, role: 'user' }],
    });
    expect(team.members_with_roles).toEqual([expect.objectContaining({ user_email: email, role: 'user' })]);
  });
});

describe('no team admin grants more than it has', () => {
  const asTeamAdmin = (path: string, body: unknown) =>
    call(gateway, 'POST', path, tenancy.keys.teamAdmin, body);

  it('creates keys in its own team within the team models and budget', async () => {
    const result = await asTeamAdmin('/key/generate', {
      team_id: tenancy.teamA,
      models: ['team-claude'],
      max_budget: 100,
      rpm_limit: 1000,
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ team_id: tenancy.teamA, user_id: null, models: ['team-claude'] });
  });

  it('cannot create a key for another team (404: the team is not visible)', async () => {
    const result = await asTeamAdmin('/key/generate', { team_id: tenancy.teamB });
    expect(result.status).toBe(404);
  });

  it("cannot create a key with models outside the team's", async () => {
    const result = await asTeamAdmin('/key/generate', {
      team_id: tenancy.teamA,
      models: ['team-claude', 'team-llama'],
    });
    expect(result.status).toBe(403);
    expect(result.body.error).toMatchObject({ type: 'permission_error', param: 'models' });
    expect(result.body.error.message).toContain("'team-llama'");
    for (const wildcard of ['*', 'bedrock/*', 'all-proxy-models'])
      expect(
        (await asTeamAdmin('/key/generate', { team_id: tenancy.teamA, models: [wildcard] })).status,
      ).toBe(403);
  });

  it("cannot create a key with a larger budget or limits than the team's", async () => {
    const budget = await asTeamAdmin('/key/generate', { team_id: tenancy.teamA, max_budget: 100.01 });
    expect(budget.status).toBe(403);
    expect(budget.body.error.param).toBe('max_budget');
    expect((await asTeamAdmin('/key/generate', { team_id: tenancy.teamA, rpm_limit: 1001 })).status).toBe(
      403,
    );
  });

  it('cannot raise an existing team key beyond the team by /key/update', async () => {
    const key = await asMaster(gateway, '/key/generate', { team_id: tenancy.teamA });
    expect((await asTeamAdmin('/key/update', { key: key.token, max_budget: 1000 })).status).toBe(403);
    expect((await asTeamAdmin('/key/update', { key: key.token, models: ['team-llama'] })).status).toBe(403);
    expect((await asTeamAdmin('/key/update', { key: key.token, team_id: tenancy.teamB })).status).toBe(404);
  });

  it('cannot create a key that carries an admin role (a key of a proxy admin user)', async () => {
    const admin = await asMaster(gateway, '/user/new', {
      user_email: `${unique('boss')}@example.com`,
      user_role: 'proxy_admin',
      auto_create_key: false,
    });
    await asMaster(gateway, '/team/member_add', {
      team_id: tenancy.teamA,
      member: { user_id: admin.user_id },
    });
    const result = await asTeamAdmin('/key/generate', { team_id: tenancy.teamA, user_id: admin.user_id });
    expect(result.status).toBe(403);
    expect(result.body.error.param).toBe('user_id');
  });

  it("cannot create a key for another tenant's user: not found, as an unknown user", async () => {
    const result = await asTeamAdmin('/key/generate', {
      team_id: tenancy.teamA,
      user_id: tenancy.users.otherTeamAdmin,
    });
    expect(result.status).toBe(404);
    expect(result.body.error.param).toBe('user_id');
  });

  it("cannot change the team's models, budget or blocked flag", async () => {
    for (const change of [{ models: [] }, { max_budget: 1e6 }, { blocked: true }, { rpm_limit: 1e6 }]) {
      const result = await asTeamAdmin('/team/update', { team_id: tenancy.teamA, ...change });
      expect(result.status).toBe(403);
    }
  });

  it('an ordinary member cannot create keys for other members, nor unblock its own blocked key', async () => {
    const asMember = (path: string, body: unknown) => call(gateway, 'POST', path, tenancy.keys.member, body);
    expect(
      (await asMember('/key/generate', { team_id: tenancy.teamA, user_id: tenancy.users.teamAdmin })).status,
    ).toBe(403);
    const own = await asMember('/key/generate', { team_id: tenancy.teamA });
    expect(own.status).toBe(200);
    expect(own.body.user_id).toBe(tenancy.users.member);
    await asMaster(gateway, '/key/block', { key: own.body.token });
    expect((await asMember('/key/unblock', { key: own.body.token })).status).toBe(403);
    expect((await asMember('/key/update', { key: own.body.token, blocked: false })).status).toBe(403);
  });
});

describe('tenant isolation: another team is "not found", never "forbidden"', () => {
  const asOtherAdmin = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    call(gateway, method, path, tenancy.keys.otherTeamAdmin, body);

  const ISOLATION: [string, 'GET' | 'POST', () => string, (() => unknown) | undefined][] = [
    ['GET /key/info by key id', 'GET', () => `/key/info?key=${tenancy.teamAServiceKey.token}`, undefined],
    ['GET /key/info by secret', 'GET', () => `/key/info?key=${tenancy.teamAServiceKey.key}`, undefined],
    ['GET /team/info', 'GET', () => `/team/info?team_id=${tenancy.teamA}`, undefined],
    ['GET /user/info of a member', 'GET', () => `/user/info?user_id=${tenancy.users.member}`, undefined],
    [
      'POST /key/update',
      'POST',
      () => '/key/update',
      () => ({ key: tenancy.teamAServiceKey.token, metadata: {} }),
    ],
    ['POST /key/block', 'POST', () => '/key/block', () => ({ key: tenancy.teamAServiceKey.token })],
    ['POST /key/regenerate', 'POST', () => '/key/regenerate', () => ({ key: tenancy.teamAServiceKey.token })],
    ['POST /key/delete', 'POST', () => '/key/delete', () => ({ keys: [tenancy.teamAServiceKey.token] })],
    ['POST /team/update', 'POST', () => '/team/update', () => ({ team_id: tenancy.teamA, team_alias: 'x' })],
    [
      'POST /team/member_add (itself as admin)',
      'POST',
      () => '/team/member_add',
      () => ({ team_id: tenancy.teamA, member: { user_id: tenancy.users.otherTeamAdmin, role: 'admin' } }),
    ],
    [
      'POST /team/member_delete',
      'POST',
      () => '/team/member_delete',
      () => ({ team_id: tenancy.teamA, user_id: tenancy.users.member }),
    ],
  ];

  it.each(ISOLATION)("%s of team A's object → 404", async (_label, method, path, body) => {
    const result = await asOtherAdmin(method, path(), body?.());
    expect(result.status).toBe(404);
    expect(result.body.error.type).toBe('not_found_error');
    expect(result.text).not.toContain(tenancy.teamAServiceKey.key);
  });

  it("lists only the caller's own teams and keys", async () => {
    const teams = await asOtherAdmin('GET', '/team/list');
    expect(teams.body.map((team: { team_id: string }) => team.team_id)).toEqual([tenancy.teamB]);
    const keys = await asOtherAdmin('GET', `/key/list?team_id=${tenancy.teamA}`);
    expect(keys.body).toMatchObject({ keys: [], total_count: 0 });
    const own = await asOtherAdmin('GET', `/key/list?team_id=${tenancy.teamB}`);
    expect(own.body.keys).toContain(tenancy.teamBKey.token);
  });

  it('the team A service key still works after all those attempts', async () => {
    expect(await models(tenancy.teamAServiceKey.key)).toBe(200);
  });
});
