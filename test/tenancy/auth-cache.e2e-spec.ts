// Authentication: where keys are accepted, what refusals look like, and that admin actions take effect
// on the very next request — on this instance at once, on another instance through LISTEN/NOTIFY.
import { createHash } from 'node:crypto';
import { withFrozenClock } from '../support/clock';
import { newPrismaClient } from '../support/database';
import { asMaster, call, unique } from '../support/management-api';
import { waitUntil } from '../support/polling';
import { describeWithRedis, testRedisUrl } from '../support/redis';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway?.close());

const newKey = async (body: Record<string, unknown> = {}) =>
  (await asMaster(gateway, '/key/generate', { key_alias: unique('auth'), ...body })) as {
    key: string;
    token: string;
  };
const models = (key: string | null, headers: Record<string, string> = {}) =>
  gateway
    .request('/v1/models', { key, headers })
    .then(async (response) => ({ status: response.status, text: await response.text() }));

/** A refusal must never contain the presented key, any part of its random body, or its hash. */
function expectNoSecretIn(text: string, key: string) {
  expect(text).not.toContain(key);
  expect(text).not.toContain(key.slice(3, 15));
  expect(text).not.toContain(createHash('sha256').update(key).digest('hex'));
}

describe('key format and storage', () => {
  it('issues sk- keys with at least 32 random bytes, stores only their SHA-256 and a short display form', async () => {
    const created = await newKey();
    expect(created.key).toMatch(/^sk-[A-Za-z0-9_-]{43,}$/);
    const prisma = newPrismaClient();
    try {
      const row = await prisma.virtualKey.findUniqueOrThrow({ where: { id: created.token } });
      expect(row.hash).toBe(createHash('sha256').update(created.key).digest('hex'));
      expect(row.displayKey).toBe(`sk-…${created.key.slice(-4)}`);
      expect(JSON.stringify(row)).not.toContain(created.key);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('never returns the secret again after creation', async () => {
    const created = await newKey();
    const info = await call(gateway, 'GET', `/key/info?key=${created.token}`, gateway.masterKey);
    const list = await call(gateway, 'GET', '/key/list?return_full_object=true&size=100', gateway.masterKey);
    expect(info.status).toBe(200);
    expect(info.text).not.toContain(created.key);
    expect(list.text).not.toContain(created.key);
  });
});

describe('where the key may be sent', () => {
  it.each([
    ['Authorization: Bearer', (key: string) => ({ authorization: `Bearer ${key}` })],
    ['x-api-key', (key: string) => ({ 'x-api-key': key })],
    ['x-litellm-api-key', (key: string) => ({ 'x-litellm-api-key': key })],
    ['litellm_user_api_key', (key: string) => ({ litellm_user_api_key: key })],
    [
      'x-litellm-api-key with a SigV4 Authorization',
      (key: string) => ({
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=abc',
        'x-litellm-api-key': key,
      }),
    ],
  ])('accepts the key in %s', async (_name, headers) => {
    const { key } = await newKey();
    expect((await models(null, headers(key))).status).toBe(200);
  });

  it('accepts the master key as a proxy admin', async () => {
    expect(
      (await call(gateway, 'POST', '/team/new', gateway.masterKey, { team_alias: unique('m') })).status,
    ).toBe(200);
  });
});

describe('refusals', () => {
  it('refuses a request without a key with 401 missing_api_key', async () => {
    const result = await call(gateway, 'GET', '/v1/models', null);
    expect(result.status).toBe(401);
    expect(JSON.parse(result.text).error).toMatchObject({
      type: 'authentication_error',
      code: 'missing_api_key',
    });
  });

  it('refuses an unknown key with 401 without echoing it, and remembers the refusal (negative cache)', async () => {
    const bogus = `sk-${'A'.repeat(20)}${unique('x')}`;
    const first = await models(bogus);
    expect(first.status).toBe(401);
    expect(JSON.parse(first.text).error.code).toBe('invalid_api_key');
    expectNoSecretIn(first.text, bogus);

    // The key now exists, written behind the gateway's back: the remembered refusal still answers,
    // without a database lookup that would have found it.
    const prisma = newPrismaClient();
    let id: string;
    try {
      const row = await prisma.virtualKey.create({
        data: { hash: createHash('sha256').update(bogus).digest('hex'), displayKey: 'sk-…test' },
      });
      id = row.id;
    } finally {
      await prisma.$disconnect();
    }
    const second = await models(bogus);
    expect(second.status).toBe(401);
    expectNoSecretIn(second.text, bogus);
    // A change to any key forgets remembered refusals (its secret may be new): now it is looked up.
    await asMaster(gateway, '/key/update', { key: id, metadata: { note: 'created behind the gateway' } });
    expect((await models(bogus)).status).toBe(200);
  });

  it('refuses a near-miss of the master key', async () => {
    const result = await models(`${gateway.masterKey}x`);
    expect(result.status).toBe(401);
    expect(result.text).not.toContain(gateway.masterKey);
  });

  it('refuses a blocked key (403) on the next request, and accepts it again after unblock', async () => {
    const { key, token } = await newKey();
    expect((await models(key)).status).toBe(200); // now cached
    await asMaster(gateway, '/key/block', { key: token });
    const blocked = await models(key);
    expect(blocked.status).toBe(403);
    expect(JSON.parse(blocked.text).error).toMatchObject({ type: 'permission_error', code: 'key_blocked' });
    expectNoSecretIn(blocked.text, key);
    await asMaster(gateway, '/key/unblock', { key: token });
    expect((await models(key)).status).toBe(200);
  });

  it('refuses a key blocked through /key/update blocked=true', async () => {
    const { key, token } = await newKey();
    expect((await models(key)).status).toBe(200);
    await asMaster(gateway, '/key/update', { key: token, blocked: true });
    expect((await models(key)).status).toBe(403);
  });

  it('refuses a deleted key (401) on the next request', async () => {
    const { key, token } = await newKey();
    expect((await models(key)).status).toBe(200);
    await asMaster(gateway, '/key/delete', { keys: [token] });
    const result = await models(key);
    expect(result.status).toBe(401);
    expectNoSecretIn(result.text, key);
  });

  it('refuses keys of a blocked team (403 team_blocked) and accepts them after unblock', async () => {
    const team = await asMaster(gateway, '/team/new', { team_alias: unique('blocked') });
    const { key } = await newKey({ team_id: team.team_id });
    expect((await models(key)).status).toBe(200);
    await asMaster(gateway, '/team/block', { team_id: team.team_id });
    const result = await models(key);
    expect(result.status).toBe(403);
    expect(JSON.parse(result.text).error.code).toBe('team_blocked');
    expectNoSecretIn(result.text, key);
    await asMaster(gateway, '/team/unblock', { team_id: team.team_id });
    expect((await models(key)).status).toBe(200);
  });

  it('accepts a key until its duration has passed, then refuses it with 401 expired_api_key', async () => {
    await withFrozenClock(async (clock) => {
      const { key } = await newKey({ duration: '1h' });
      expect((await models(key)).status).toBe(200); // now cached
      clock.advance(3_600_000 - 1);
      expect((await models(key)).status).toBe(200);
      clock.advance(1);
      const result = await models(key);
      expect(result.status).toBe(401);
      expect(JSON.parse(result.text).error.code).toBe('expired_api_key');
      expectNoSecretIn(result.text, key);
    });
  });

  it('takes a role change into account on the next request (user cache invalidation)', async () => {
    const user = await asMaster(gateway, '/user/new', { user_email: `${unique('promote')}@example.com` });
    expect((await call(gateway, 'GET', '/user/list', user.key)).status).toBe(403);
    await asMaster(gateway, '/user/update', { user_id: user.user_id, user_role: 'proxy_admin_viewer' });
    expect((await call(gateway, 'GET', '/user/list', user.key)).status).toBe(200);
  });

  it('answers management routes without a key with 401, never 404 or 200', async () => {
    for (const path of [
      '/key/list',
      '/team/list',
      '/user/list',
      '/model/info',
      '/model_group/info',
      '/models',
    ]) {
      expect((await call(gateway, 'GET', path, null)).status).toBe(401);
    }
  });
});

describe('across gateway instances', () => {
  let second: TestGateway;
  beforeAll(async () => {
    second = await startTestGateway();
  });
  afterAll(() => second?.close());

  it('a key blocked through instance A is refused by instance B', async () => {
    const { key, token } = await newKey();
    const onSecond = () => second.request('/v1/models', { key }).then((response) => response.status);
    expect(await onSecond()).toBe(200); // cached on B
    await asMaster(gateway, '/key/block', { key: token });
    await waitUntil('instance B to refuse the blocked key', async () => (await onSecond()) === 403);
  });

  it('a team deleted through instance A revokes its keys on instance B', async () => {
    const team = await asMaster(gateway, '/team/new', { team_alias: unique('gone') });
    const { key } = await newKey({ team_id: team.team_id });
    const onSecond = () => second.request('/v1/models', { key }).then((response) => response.status);
    expect(await onSecond()).toBe(200);
    await asMaster(gateway, '/team/delete', { team_ids: [team.team_id] });
    await waitUntil("instance B to refuse the deleted team's key", async () => (await onSecond()) === 401);
  });
});

describeWithRedis('across gateway instances with Redis configured as well', () => {
  let first: TestGateway;
  let second: TestGateway;
  beforeAll(async () => {
    [first, second] = await Promise.all([
      startTestGateway({ env: { REDIS_URL: testRedisUrl() } }),
      startTestGateway({ env: { REDIS_URL: testRedisUrl() } }),
    ]);
  });
  afterAll(() => Promise.all([first?.close(), second?.close()]));

  it('a key blocked through instance A is refused by instance B', async () => {
    const { key, token } = await asMaster(first, '/key/generate', { key_alias: unique('redis') });
    const onSecond = () => second.request('/v1/models', { key }).then((response) => response.status);
    expect(await onSecond()).toBe(200);
    await asMaster(first, '/key/block', { key: token });
    await waitUntil('instance B to refuse the blocked key', async () => (await onSecond()) === 403);
  });
});
