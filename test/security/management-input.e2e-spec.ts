// Issue 12 (#4, #5, #10): every management field and query parameter is checked before anything is
// written — a bad value is a 400 naming the field and the allowed range, never a 500 after a half-done
// write — and stored values the responses cannot format never break a listing.
import type { PrismaClient } from '@quarry/db';
import { newPrismaClient } from '../support/database';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { asMaster, call, unique } from '../support/management-api';
import { createTenancy, type Tenancy } from '../support/tenants';

let gateway: TestGateway;
let tenancy: Tenancy;
let prisma: PrismaClient;
beforeAll(async () => {
  gateway = await startTestGateway();
  tenancy = await createTenancy(gateway);
  prisma = newPrismaClient();
});
afterAll(async () => {
  await prisma?.$disconnect();
  await gateway?.close();
});

const post = (path: string, json: unknown, key = gateway.masterKey) => call(gateway, 'POST', path, key, json);
const get = (path: string, key = gateway.masterKey) => call(gateway, 'GET', path, key);

function expectBadField(result: { status: number; body: any }, field: string): void {
  expect(result.status).toBe(400);
  expect(result.body.error.param).toBe(field);
  expect(result.body.error.type).toBe('invalid_request_error');
}

async function keysWithAlias(alias: string): Promise<number> {
  return prisma.virtualKey.count({ where: { alias } });
}

describe('durations are bounded (#4)', () => {
  it.each(['9999999d', '0s', '999999mo', '3651d', '99999999999999999999s'])(
    'duration %s is a 400 naming duration and the range, and writes no key',
    async (duration) => {
      const alias = unique('dur');
      const result = await post('/key/generate', { team_id: tenancy.teamA, key_alias: alias, duration });
      expectBadField(result, 'duration');
      expect(result.body.error.message).toContain('3650d');
      expect(await keysWithAlias(alias)).toBe(0);
    },
  );

  it('budget_duration 9999999d is a 400 on keys, teams and users, and writes nothing', async () => {
    const alias = unique('budget');
    expectBadField(
      await post('/key/generate', { team_id: tenancy.teamA, key_alias: alias, budget_duration: '9999999d' }),
      'budget_duration',
    );
    expect(await keysWithAlias(alias)).toBe(0);
    const teamAlias = unique('team');
    expectBadField(
      await post('/team/new', { team_alias: teamAlias, budget_duration: '9999999d' }),
      'budget_duration',
    );
    expect(await prisma.team.count({ where: { alias: teamAlias } })).toBe(0);
    expectBadField(await post('/user/new', { budget_duration: '0s' }), 'budget_duration');
    expectBadField(await post('/user/new', { duration: '9999999d' }), 'duration');
  });

  it('a 20-digit grace_period is a 400, not silently dropped', async () => {
    const key = await asMaster(gateway, '/key/generate', { team_id: tenancy.teamA });
    const result = await post('/key/regenerate', { key: key.token, grace_period: '12345678901234567890s' });
    expectBadField(result, 'grace_period');
    // The key was not regenerated: its secret still works.
    expect((await get('/key/info', key.key)).status).toBe(200);
  });

  it('the longest allowed duration works and reads back', async () => {
    const key = await post('/key/generate', {
      team_id: tenancy.teamA,
      duration: '3650d',
      budget_duration: '120mo',
    });
    expect(key.status).toBe(200);
    expect(new Date(key.body.expires).getFullYear()).toBeGreaterThan(new Date().getFullYear() + 9);
  });

  it('a stored date the responses cannot represent does not break /key/info, /key/list or /team/info', async () => {
    const key = await asMaster(gateway, '/key/generate', { team_id: tenancy.teamA });
    // As an older gateway could have written it (year 29,000).
    await prisma.$executeRaw`UPDATE virtual_keys SET expires = '29000-01-01', budget_reset_at = '29000-01-01' WHERE token_id = ${key.token}`;
    const info = await get(`/key/info?key=${key.token}`);
    expect(info.status).toBe(200);
    expect((await get(`/key/list?team_id=${tenancy.teamA}&return_full_object=true&size=100`)).status).toBe(
      200,
    );
    expect((await get(`/team/info?team_id=${tenancy.teamA}`)).status).toBe(200);
    // The key itself still authenticates (its expiry lies far in the future).
    expect((await get('/key/info', key.key)).status).toBe(200);
    await post('/key/delete', { keys: [key.token] });
  });
});

describe('query parameters and body fields are validated (#5)', () => {
  it.each([
    ['/key/list?page=1e300', 'page'],
    ['/key/list?page=0', 'page'],
    ['/key/list?size=1e300', 'size'],
    ['/key/list?return_full_object=yes', 'return_full_object'],
    ['/user/list?page=1e300', 'page'],
    ['/user/list?page_size=-1', 'page_size'],
    ['/user/list?role=emperor', 'role'],
  ])('GET %s is a 400 naming %s', async (path, field) => {
    expectBadField(await get(path), field);
  });

  it('a NUL character in a body field or a query parameter is a 400 naming it, not a database error', async () => {
    expectBadField(
      await post('/key/generate', { team_id: tenancy.teamA, key_alias: 'a\u0000b' }),
      'key_alias',
    );
    expectBadField(await post('/team/new', { metadata: { note: 'x\u0000' } }), 'metadata.note');
    expectBadField(await get('/key/info?key=abc%00'), 'key');
    expectBadField(await get('/key/list?key_alias=%00'), 'key_alias');
    expectBadField(await get('/user/info?user_id=%00'), 'user_id');
    expectBadField(await post('/key/abc%00/regenerate', {}), 'key');
    expectBadField(await get('/model/info?litellm_model_id=%00'), 'litellm_model_id');
  });

  it('an unpaired UTF-16 surrogate ("\\ud800") anywhere in a body is a 400 naming it, not a database error', async () => {
    // JSON.stringify writes a lone surrogate as the escape \ud800, which Postgres's jsonb refuses.
    const lone = '\ud800';
    expectBadField(
      await post('/team/update', { team_id: tenancy.teamA, metadata: { note: lone } }),
      'metadata.note',
    );
    expectBadField(
      await post('/key/generate', { team_id: tenancy.teamA, metadata: { [`k${lone}`]: 1 } }),
      `metadata.k${lone}`,
    );
    expectBadField(
      await post('/user/update', { user_id: tenancy.users.member, metadata: { a: [lone] } }),
      'metadata.a.0',
    );
    expectBadField(await post('/team/new', { team_alias: `t${lone}` }), 'team_alias');
    expectBadField(
      await post('/model/new', {
        model_name: `m${lone}`,
        litellm_params: { model: 'bedrock/anthropic.claude-3-haiku-20240307-v1:0' },
      }),
      'model_name',
    );
    // A real pair (an emoji) is text like any other.
    const alias = unique('emoji-\ud83d\ude00');
    expect((await post('/key/generate', { team_id: tenancy.teamA, key_alias: alias })).status).toBe(200);
    expect(await keysWithAlias(alias)).toBe(1);
  });

  it('oversized strings and lists are 400s', async () => {
    expectBadField(await post('/key/generate', { team_id: 'x'.repeat(500) }), 'team_id');
    expectBadField(await post('/key/generate', { models: Array(1001).fill('m') }), 'models');
    expectBadField(await post('/key/generate', { max_budget: 1e300 }), 'max_budget');
  });
});

describe('metadata is capped at 16 KB and 8 levels (#10)', () => {
  const nested = (levels: number): Record<string, unknown> => {
    let value: Record<string, unknown> = {};
    for (let level = 1; level < levels; level++) value = { inner: value };
    return value;
  };

  it.each([
    ['/key/generate', () => ({ team_id: tenancy.teamA })],
    ['/team/update', () => ({ team_id: tenancy.teamA })],
    ['/user/update', () => ({ user_id: tenancy.users.member })],
  ])('%s refuses metadata over 16 KB or deeper than 8 levels', async (path, base) => {
    expectBadField(await post(path, { ...base(), metadata: { blob: 'x'.repeat(17 * 1024) } }), 'metadata');
    expectBadField(await post(path, { ...base(), metadata: nested(9) }), 'metadata');
    expect((await post(path, { ...base(), metadata: nested(8) })).status).toBe(200);
  });

  it('key aliases maps are capped the same way', async () => {
    const aliases = Object.fromEntries(
      Array.from({ length: 2000 }, (_, index) => [`name-${index}`, 'claude']),
    );
    expectBadField(await post('/key/generate', { team_id: tenancy.teamA, aliases }), 'aliases');
  });

  it('/model/new and /model/update cap model_name, litellm_params and model_info (every key holder reads them)', async () => {
    const model = 'bedrock/anthropic.claude-3-haiku-20240307-v1:0';
    const name = unique('capped-model');
    expectBadField(
      await post('/model/new', { model_name: name, litellm_params: { model, top_k: 'x'.repeat(17 * 1024) } }),
      'litellm_params',
    );
    expectBadField(
      await post('/model/new', {
        model_name: name,
        litellm_params: { model },
        model_info: { access_groups: Array.from({ length: 5000 }, (_, index) => `group-${index}`) },
      }),
      'model_info',
    );
    expectBadField(
      await post('/model/new', { model_name: 'm'.repeat(257), litellm_params: { model } }),
      'model_name',
    );
    expectBadField(
      await post('/model/update', { model_id: 'any', model_info: { blob: 'x'.repeat(17 * 1024) } }),
      'model_info',
    );
    expect(await prisma.modelDeployment.count({ where: { modelName: name } })).toBe(0);
  });

  it('a team admin cannot grow a team listing by megabytes through key metadata', async () => {
    const result = await post(
      '/key/generate',
      { team_id: tenancy.teamA, metadata: { blob: 'x'.repeat(1024 * 1024) } },
      tenancy.keys.teamAdmin,
    );
    expectBadField(result, 'metadata');
  });
});
