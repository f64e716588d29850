// LiteLLM's end-user management (/customer/* and the /end_user/* aliases), tenant-scoped: end users
// belong to a team, team admins manage their own team's, and another team's end users do not exist.
import { call, unique } from '../support/management-api';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenancy, type Tenancy } from '../support/tenants';

let gateway: TestGateway;
let tenancy: Tenancy;

beforeAll(async () => {
  gateway = await startTestGateway();
  tenancy = await createTenancy(gateway);
});

afterAll(async () => {
  await gateway?.close();
});

describe('/customer/*', () => {
  it('creates, shows, lists, updates, blocks and deletes an end user, with its budget and reset time', async () => {
    const admin = tenancy.keys.teamAdmin;
    const id = unique('customer');
    const created = await call(gateway, 'POST', '/customer/new', admin, {
      user_id: id,
      alias: 'Acme',
      max_budget: 5,
      budget_duration: '30d',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      user_id: id,
      team_id: tenancy.teamA,
      alias: 'Acme',
      spend: 0,
      max_budget: 5,
      remaining_budget: 5,
      budget_duration: '30d',
      blocked: false,
    });
    expect(Date.parse(created.body.budget_reset_at) - Date.now()).toBeGreaterThan(29 * 86_400_000);

    const info = await call(gateway, 'GET', `/customer/info?end_user_id=${id}`, admin);
    expect(info.body).toMatchObject({ user_id: id, max_budget: 5 });
    const listed = await call(gateway, 'GET', '/end_user/list', admin);
    expect(listed.body.map((endUser: { user_id: string }) => endUser.user_id)).toContain(id);

    const updated = await call(gateway, 'POST', '/customer/update', admin, { user_id: id, max_budget: null });
    expect(updated.body).toMatchObject({ max_budget: null, remaining_budget: null });
    const blocked = await call(gateway, 'POST', '/customer/block', admin, { user_ids: [id] });
    expect(blocked.body).toEqual({ user_ids: [id], blocked: true });
    expect((await call(gateway, 'GET', `/customer/info?end_user_id=${id}`, admin)).body.blocked).toBe(true);

    const deleted = await call(gateway, 'POST', '/end_user/delete', admin, { user_ids: [id] });
    expect(deleted.body).toEqual({ deleted_user_ids: [id] });
    expect((await call(gateway, 'GET', `/customer/info?end_user_id=${id}`, admin)).status).toBe(404);
  });

  it('another team’s end users do not exist: 404 on info, update and block, absent from lists', async () => {
    const id = unique('customer');
    expect(
      (await call(gateway, 'POST', '/customer/new', tenancy.keys.teamAdmin, { user_id: id })).status,
    ).toBe(200);
    const other = tenancy.keys.otherTeamAdmin;
    expect((await call(gateway, 'GET', `/customer/info?end_user_id=${id}`, other)).status).toBe(404);
    expect(
      (await call(gateway, 'GET', `/customer/info?end_user_id=${id}&team_id=${tenancy.teamA}`, other)).status,
    ).toBe(404);
    expect(
      (await call(gateway, 'POST', '/customer/update', other, { user_id: id, max_budget: 1 })).status,
    ).toBe(404);
    expect(
      (await call(gateway, 'POST', '/customer/block', other, { user_ids: [id], team_id: tenancy.teamA }))
        .status,
    ).toBe(404);
    const listed = await call(gateway, 'GET', '/customer/list', other);
    expect(listed.body.map((endUser: { user_id: string }) => endUser.user_id)).not.toContain(id);
    // The same id in team B is another end user.
    expect((await call(gateway, 'POST', '/customer/new', other, { user_id: id })).status).toBe(200);
  });

  it('members may read their team’s end users but not change them; a duplicate is a 409', async () => {
    const id = unique('customer');
    await call(gateway, 'POST', '/customer/new', tenancy.keys.teamAdmin, { user_id: id });
    expect((await call(gateway, 'GET', `/customer/info?end_user_id=${id}`, tenancy.keys.member)).status).toBe(
      200,
    );
    expect(
      (await call(gateway, 'POST', '/customer/update', tenancy.keys.member, { user_id: id, alias: 'x' }))
        .status,
    ).toBe(403);
    const duplicate = await call(gateway, 'POST', '/customer/new', tenancy.keys.teamAdmin, { user_id: id });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.param).toBe('user_id');
  });

  it('refuses unknown fields and bad budgets with a 400 naming the field', async () => {
    const unknown = await call(gateway, 'POST', '/customer/new', gateway.masterKey, {
      user_id: unique('c'),
      budget: 1,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('budget');
    const negative = await call(gateway, 'POST', '/customer/new', gateway.masterKey, {
      user_id: unique('c'),
      max_budget: -1,
    });
    expect(negative.status).toBe(400);
    expect(negative.body.error.param).toBe('max_budget');
  });
});
