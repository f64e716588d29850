// `null` in management bodies: lists, objects, flags and ids cannot be null (400 naming the field, never a
// 500 from the database); nullable scalars (budgets, limits, alias, duration) are cleared by null.
import { asMaster, call, unique } from '../support/management-api';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway?.close());

const freshKey = async () => (await asMaster(gateway, '/key/generate', {})).token as string;
const freshTeam = async () => (await asMaster(gateway, '/team/new', { team_alias: unique('nulls') })).team_id;
const freshUser = async () =>
  (await asMaster(gateway, '/user/new', { user_email: `${unique('nulls')}@example.com` })).user_id;

type Case = [path: string, field: string, body: () => Promise<Record<string, unknown>>];
const CASES: Case[] = [
  ['/key/generate', 'models', async () => ({ models: null })],
  ['/key/generate', 'metadata', async () => ({ metadata: null })],
  ['/key/generate', 'aliases', async () => ({ aliases: null })],
  ['/key/generate', 'blocked', async () => ({ blocked: null })],
  ['/key/update', 'models', async () => ({ key: await freshKey(), models: null })],
  ['/key/update', 'metadata', async () => ({ key: await freshKey(), metadata: null })],
  ['/key/update', 'aliases', async () => ({ key: await freshKey(), aliases: null })],
  ['/key/regenerate', 'metadata', async () => ({ key: await freshKey(), metadata: null })],
  ['/team/new', 'models', async () => ({ models: null })],
  ['/team/new', 'metadata', async () => ({ metadata: null })],
  ['/team/new', 'members_with_roles', async () => ({ members_with_roles: null })],
  ['/team/new', 'team_id', async () => ({ team_id: null })],
  ['/team/update', 'metadata', async () => ({ team_id: await freshTeam(), metadata: null })],
  ['/team/update', 'blocked', async () => ({ team_id: await freshTeam(), blocked: null })],
  ['/user/new', 'models', async () => ({ models: null })],
  ['/user/new', 'metadata', async () => ({ metadata: null })],
  ['/user/new', 'user_id', async () => ({ user_id: null })],
  ['/user/new', 'user_role', async () => ({ user_role: null })],
  ['/user/update', 'metadata', async () => ({ user_id: await freshUser(), metadata: null })],
  ['/user/update', 'user_id', async () => ({ user_id: null, user_email: 'someone@example.com' })],
];

it.each(CASES)('%s refuses %s: null with 400 naming the field', async (path, field, body) => {
  const result = await call(gateway, 'POST', path, gateway.masterKey, await body());
  expect(result.status).toBe(400);
  expect(result.body.error).toMatchObject({ type: 'invalid_request_error', param: field });
  expect(result.body.error.message).toContain(`${field} must not be null`);
});

it('null still clears nullable scalars of a key', async () => {
  const created = await asMaster(gateway, '/key/generate', {
    key_alias: unique('clear'),
    duration: '1d',
    max_budget: 5,
    rpm_limit: 10,
    budget_duration: '30d',
  });
  const updated = await asMaster(gateway, '/key/update', {
    key: created.token,
    key_alias: null,
    duration: null,
    max_budget: null,
    rpm_limit: null,
    budget_duration: null,
  });
  expect(updated).toMatchObject({
    key_alias: null,
    expires: null,
    max_budget: null,
    rpm_limit: null,
    budget_duration: null,
  });
});
