// /key/* end to end: LiteLLM's fields and shapes, regeneration with and without grace, validation.
import { withFrozenClock } from '../support/clock';
import { asMaster, call, unique } from '../support/management-api';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway?.close());

const models = (key: string) => gateway.request('/v1/models', { key }).then((response) => response.status);

describe('/key/generate', () => {
  it('stores and returns every field with LiteLLM names', async () => {
    const team = await asMaster(gateway, '/team/new', { team_alias: unique('fields') });
    const alias = unique('alias');
    const fields = {
      key_alias: alias,
      duration: '30d',
      models: ['claude', 'cheap-group'],
      max_budget: 12.5,
      budget_duration: '30d',
      rpm_limit: 60,
      tpm_limit: 10_000,
      max_parallel_requests: 4,
      metadata: { owner: 'search-team' },
      team_id: team.team_id,
      aliases: { gpt4: 'claude' },
    };
    const { created, now } = await withFrozenClock(async () => ({
      now: Date.now(),
      created: await asMaster(gateway, '/key/generate', fields),
    }));
    expect(created).toMatchObject({
      key_alias: alias,
      key_name: `sk-…${created.key.slice(-4)}`,
      models: ['claude', 'cheap-group'],
      max_budget: 12.5,
      budget_duration: '30d',
      rpm_limit: 60,
      tpm_limit: 10_000,
      max_parallel_requests: 4,
      metadata: { owner: 'search-team' },
      team_id: team.team_id,
      user_id: null,
      aliases: { gpt4: 'claude' },
      blocked: false,
      spend: 0,
    });
    expect(created.token).toEqual(created.token_id);
    expect(Date.parse(created.expires)).toBe(now + 30 * 86_400_000);

    const info = await call(gateway, 'GET', `/key/info?key=${created.key}`, gateway.masterKey);
    expect(info.body.info).toEqual(
      Object.fromEntries(Object.entries(created).filter(([field]) => field !== 'key')),
    );
  });

  it.each([
    [{ max_budget: -1 }, 'max_budget'],
    [{ rpm_limit: 1.5 }, 'rpm_limit'],
    [{ duration: '30 days' }, 'duration'],
    [{ budget_duration: 'monthly' }, 'budget_duration'],
    [{ models: 'claude' }, 'models'],
    [{ max_budgt: 10 }, 'max_budgt'],
    [{ aliases: { a: 5 } }, 'aliases.a'],
  ])('refuses %j with 400 naming %s', async (body, param) => {
    const result = await call(gateway, 'POST', '/key/generate', gateway.masterKey, body);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ type: 'invalid_request_error', param });
    expect(result.body.error.message).toContain(param);
  });

  it('refuses a duplicate key_alias with 409', async () => {
    const alias = unique('dup');
    await asMaster(gateway, '/key/generate', { key_alias: alias });
    const result = await call(gateway, 'POST', '/key/generate', gateway.masterKey, { key_alias: alias });
    expect(result.status).toBe(409);
    expect(result.body.error.param).toBe('key_alias');
  });

  it('refuses a team_id that does not exist with 404', async () => {
    const result = await call(gateway, 'POST', '/key/generate', gateway.masterKey, {
      team_id: unique('nope'),
    });
    expect(result.status).toBe(404);
  });
});

describe('/key/update, /key/info, /key/list, /key/delete', () => {
  it('updates fields, clears them with null and leaves absent ones alone', async () => {
    const created = await asMaster(gateway, '/key/generate', {
      key_alias: unique('upd'),
      max_budget: 5,
      rpm_limit: 10,
    });
    const change = { key: created.key, max_budget: null, models: ['a'], duration: '1h' };
    const { updated, now } = await withFrozenClock(async () => ({
      now: Date.now(),
      updated: await asMaster(gateway, '/key/update', change),
    }));
    expect(updated).toMatchObject({ token: created.token, max_budget: null, rpm_limit: 10, models: ['a'] });
    expect(Date.parse(updated.expires)).toBe(now + 3_600_000);
    expect(updated.key).toBeUndefined();
  });

  it('answers /key/info for the calling key itself without parameters', async () => {
    const created = await asMaster(gateway, '/key/generate', { key_alias: unique('self') });
    const info = await call(gateway, 'GET', '/key/info', created.key);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ key: created.token, info: { key_alias: created.key_alias } });
  });

  it('lists keys paginated and filtered by team and user', async () => {
    const team = await asMaster(gateway, '/team/new', { team_alias: unique('list') });
    const user = await asMaster(gateway, '/user/new', {
      user_email: `${unique('l')}@example.com`,
      auto_create_key: false,
      teams: [team.team_id],
    });
    const tokens: string[] = [];
    for (let index = 0; index < 3; index++)
      tokens.push(
        (await asMaster(gateway, '/key/generate', { team_id: team.team_id, user_id: user.user_id })).token,
      );
    await asMaster(gateway, '/key/generate', { team_id: team.team_id });

    const page1 = await call(
      gateway,
      'GET',
      `/key/list?user_id=${user.user_id}&size=2&page=1`,
      gateway.masterKey,
    );
    const page2 = await call(
      gateway,
      'GET',
      `/key/list?user_id=${user.user_id}&size=2&page=2`,
      gateway.masterKey,
    );
    expect(page1.body).toMatchObject({ total_count: 3, current_page: 1, total_pages: 2 });
    expect(page1.body.keys).toHaveLength(2);
    expect(page2.body.keys).toHaveLength(1);
    expect([...page1.body.keys, ...page2.body.keys].sort()).toEqual([...tokens].sort());

    const byTeam = await call(
      gateway,
      'GET',
      `/key/list?team_id=${team.team_id}&return_full_object=true`,
      gateway.masterKey,
    );
    expect(byTeam.body.total_count).toBe(4);
    expect(byTeam.body.keys.every((key: { team_id: string }) => key.team_id === team.team_id)).toBe(true);
  });

  it('deletes by keys and by key_aliases, all or nothing', async () => {
    const first = await asMaster(gateway, '/key/generate', { key_alias: unique('del') });
    const second = await asMaster(gateway, '/key/generate', { key_alias: unique('del') });
    const partial = await call(gateway, 'POST', '/key/delete', gateway.masterKey, {
      keys: [first.key, 'no-such-key-id'],
    });
    expect(partial.status).toBe(404);
    expect(await models(first.key)).toBe(200);

    const deleted = await asMaster(gateway, '/key/delete', {
      keys: [first.key],
      key_aliases: [second.key_alias],
    });
    expect(deleted.deleted_keys.sort()).toEqual([first.token, second.token].sort());
    expect(await models(first.key)).toBe(401);
    expect(await models(second.key)).toBe(401);
  });

  it('refuses an empty delete with 400', async () => {
    expect((await call(gateway, 'POST', '/key/delete', gateway.masterKey, {})).status).toBe(400);
  });
});

describe('/key/regenerate', () => {
  it('issues a new secret for the same key id; the old one stops at once without a grace period', async () => {
    const created = await asMaster(gateway, '/key/generate', { key_alias: unique('regen'), max_budget: 3 });
    expect(await models(created.key)).toBe(200);
    const regenerated = await asMaster(gateway, '/key/regenerate', { key: created.key });
    expect(regenerated.token).toBe(created.token);
    expect(regenerated.key).not.toBe(created.key);
    expect(regenerated).toMatchObject({ key_alias: created.key_alias, max_budget: 3 });
    expect(await models(created.key)).toBe(401);
    expect(await models(regenerated.key)).toBe(200);
  });

  it('keeps the old secret working during the grace period, then refuses it (LiteLLM #27193)', async () => {
    await withFrozenClock(async (clock) => {
      const created = await asMaster(gateway, '/key/generate', { key_alias: unique('grace') });
      expect(await models(created.key)).toBe(200);
      const regenerated = await asMaster(gateway, '/key/regenerate', {
        key: created.token,
        grace_period: '10m',
      });
      expect(await models(created.key)).toBe(200);
      expect(await models(regenerated.key)).toBe(200);
      clock.advance(10 * 60_000 - 1);
      expect(await models(created.key)).toBe(200);
      clock.advance(1);
      expect(await models(created.key)).toBe(401);
      expect(await models(regenerated.key)).toBe(200);
    });
  });

  it('accepts the path form /key/{key}/regenerate and changes given fields', async () => {
    const created = await asMaster(gateway, '/key/generate', { key_alias: unique('path') });
    const result = await call(gateway, 'POST', `/key/${created.token}/regenerate`, gateway.masterKey, {
      rpm_limit: 5,
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ token: created.token, rpm_limit: 5 });
    expect(await models(result.body.key)).toBe(200);
  });

  it('refuses a bad grace_period with 400', async () => {
    const created = await asMaster(gateway, '/key/generate', {});
    const result = await call(gateway, 'POST', '/key/regenerate', gateway.masterKey, {
      key: created.token,
      grace_period: 'soon',
    });
    expect(result.status).toBe(400);
    expect(result.body.error.param).toBe('grace_period');
  });
});
