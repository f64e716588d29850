// The budgets that are not on the key, team or user themselves: a member's budget in a team
// (max_budget_in_team), a key's budget per model (model_max_budget), an end user's (the OpenAI `user`,
// set through /customer/*), a blocked end user, and soft_budget, which only warns.
import type { ChatFixture } from '../chat/chat-fixture';
import { asMaster, unique } from '../support/management-api';
import { callSurface, limitedKey, startLimitsFixture, SURFACES } from './limits-fixture';

let fixture: ChatFixture;

beforeAll(async () => {
  fixture = await startLimitsFixture();
});

afterAll(async () => {
  await fixture?.close();
});

const TINY = 1e-9;

async function chat(key: string, body: Record<string, unknown> = {}) {
  const response = await fixture.gateway.request('/v1/chat/completions', {
    method: 'POST',
    key,
    json: { model: 'claude-haiku', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5, ...body },
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

describe('member, model and end-user budgets', () => {
  it('max_budget_in_team refuses the member once spent, naming the field', async () => {
    const caller = await limitedKey(fixture);
    await asMaster(fixture.gateway, '/team/member_update', {
      team_id: caller.teamId,
      user_id: caller.userId,
      max_budget_in_team: TINY,
      budget_duration: '1d',
    });
    expect((await chat(caller.key)).status).toBe(200);
    const refused = await chat(caller.key);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ type: 'budget_exceeded', param: 'max_budget_in_team' });
    expect(refused.body.error.message).toMatch(
      /this team member: spend \$0\.\d+ of max_budget_in_team .* resets at/,
    );

    await fixture.flushSpend();
    const info = await fixture.gateway.request(`/team/info?team_id=${caller.teamId}`);
    const member = ((await info.json()) as any).team_info.members_with_roles[0];
    expect(member).toMatchObject({ user_id: caller.userId, max_budget_in_team: TINY });
    expect(member.spend).toBeGreaterThan(0);
  });

  it('model_max_budget refuses that model once spent, and leaves the key’s other models alone', async () => {
    const caller = await limitedKey(fixture, {
      key: { model_max_budget: { 'claude-haiku': { budget_limit: String(TINY), time_period: '1d' } } },
    });
    expect((await chat(caller.key)).status).toBe(200);
    const refused = await chat(caller.key);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ type: 'budget_exceeded', param: 'model_max_budget' });
    expect(refused.body.error.message).toContain('model "claude-haiku" on this key');
    expect((await callSurface(fixture, caller.key, 'embeddings')).status).toBe(200);
  });

  it('model_max_budget counts the model an alias stands for: a key alias is no fresh budget', async () => {
    const caller = await limitedKey(fixture, {
      key: {
        aliases: { h: 'claude-haiku' },
        model_max_budget: { 'claude-haiku': { budget_limit: String(TINY), time_period: '1d' } },
      },
    });
    expect((await chat(caller.key, { model: 'h' })).status).toBe(200);
    const refused = await chat(caller.key, { model: 'h' });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toContain('model "claude-haiku" on this key');
    // Spent through the alias, the model's budget is spent for its own name too.
    expect((await chat(caller.key)).status).toBe(429);
  });

  it('refuses a malformed model_max_budget with a 400 naming the entry', async () => {
    const response = await fixture.gateway.request('/key/generate', {
      method: 'POST',
      json: { model_max_budget: { 'claude-haiku': { budget_limit: -1 } } },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.param).toBe('model_max_budget.claude-haiku.budget_limit');
  });

  it.each(SURFACES)('%s: an end user’s max_budget refuses that end user only', async (surface) => {
    const caller = await limitedKey(fixture);
    const endUser = unique('customer');
    await asMaster(fixture.gateway, '/customer/new', {
      user_id: endUser,
      team_id: caller.teamId,
      max_budget: TINY,
      budget_duration: '1d',
    });
    expect((await callSurface(fixture, caller.key, surface, endUser)).status).toBe(200);
    const refused = await callSurface(fixture, caller.key, surface, endUser);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ type: 'budget_exceeded', param: 'max_budget' });
    expect(refused.body.message).toContain('this end user');
    // Another end user of the same key, and calls without `user`, go on.
    expect((await callSurface(fixture, caller.key, surface, unique('other'))).status).toBe(200);
    expect((await callSurface(fixture, caller.key, surface)).status).toBe(200);
  });

  it('a blocked end user is refused with 403 until unblocked', async () => {
    const caller = await limitedKey(fixture);
    const endUser = unique('customer');
    expect((await chat(caller.key, { user: endUser })).status).toBe(200);
    await asMaster(fixture.gateway, '/customer/new', { user_id: endUser, team_id: caller.teamId }).catch(
      () => undefined,
    );
    await asMaster(fixture.gateway, '/customer/block', { user_ids: [endUser], team_id: caller.teamId });
    const refused = await chat(caller.key, { user: endUser });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ param: 'user', code: 'end_user_blocked' });
    await asMaster(fixture.gateway, '/end_user/unblock', { user_ids: [endUser], team_id: caller.teamId });
    expect((await chat(caller.key, { user: endUser })).status).toBe(200);
  });

  it('soft_budget only warns: a header and a log line, never a refusal', async () => {
    const caller = await limitedKey(fixture, { key: { soft_budget: TINY } });
    const first = await chat(caller.key);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-quarry-soft-budget-exceeded')).toBeNull();
    const second = await chat(caller.key);
    expect(second.status).toBe(200);
    expect(second.headers.get('x-quarry-soft-budget-exceeded')).toBe('true');
    expect(Number(second.headers.get('x-quarry-key-spend'))).toBeGreaterThan(TINY);
    expect(Number(second.headers.get('x-quarry-key-soft-budget'))).toBe(TINY);
  });
});
