// Budgets on every surface: once a key's, team's or user's spend reaches max_budget, the next call is
// refused with a 429 budget_exceeded naming the budget, its spend, its limit and when it resets — before
// Bedrock is called — and a budget period that ends gives the budget back.
import { BudgetResetSweep } from '../../apps/gateway/src/invocation/limits/budget-reset-sweep';
import { withFrozenClock } from '../support/clock';
import type { ChatFixture } from '../chat/chat-fixture';
import { callSurface, limitedKey, startLimitsFixture, SURFACES, type Surface } from './limits-fixture';

let fixture: ChatFixture;

beforeAll(async () => {
  fixture = await startLimitsFixture();
});

afterAll(async () => {
  await fixture?.close();
});

/** A budget the first call of any surface spends entirely. */
const TINY = 1e-9;

describe('budgets', () => {
  it.each(
    SURFACES.flatMap((surface) =>
      (['key', 'team', 'user'] as const).map((owner): [Surface, 'key' | 'team' | 'user'] => [surface, owner]),
    ),
  )(
    '%s: a spent %s budget refuses the next call with 429 budget_exceeded, before any upstream call',
    async (surface, owner) => {
      const caller = await limitedKey(fixture, { [owner]: { max_budget: TINY, budget_duration: '1d' } });
      const first = await callSurface(fixture, caller.key, surface);
      expect(first.status).toBe(200);

      const refused = await callSurface(fixture, caller.key, surface);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({
        type: 'budget_exceeded',
        code: 'budget_exceeded',
        param: 'max_budget',
      });
      expect(refused.body.message).toContain(`Budget exceeded for this ${owner}`);
      expect(refused.body.message).toMatch(
        /spend \$0\.\d+ of max_budget \$0\.000000001?; it resets at 20\d\d-/,
      );
      expect(refused.headers.get('x-should-retry')).toBe('false');

      // The refused call reached no deployment: its spend row names none and costs nothing.
      await fixture.flushSpend();
      const row = await fixture.prisma.spendLog.findFirst({
        where: { keyId: caller.token, httpStatus: 429 },
      });
      expect(row).toMatchObject({
        status: 'error',
        errorType: 'budget_exceeded',
        deploymentId: null,
        cost: 0,
      });
    },
  );

  it('does not check, and answers as before, when no budget is set', async () => {
    const caller = await limitedKey(fixture);
    for (let call = 0; call < 3; call++)
      expect((await callSurface(fixture, caller.key, 'chat')).status).toBe(200);
  });

  it('gives the budget back when its period ends, and moves budget_reset_at on', async () => {
    await withFrozenClock(async (clock) => {
      const caller = await limitedKey(fixture, { key: { max_budget: TINY, budget_duration: '30s' } });
      expect((await callSurface(fixture, caller.key, 'chat')).status).toBe(200);
      const refused = await callSurface(fixture, caller.key, 'chat');
      expect(refused.status).toBe(429);
      const firstReset = /resets at (\S+)$/.exec(refused.body.message)![1];

      clock.advance(31_000);
      expect((await callSurface(fixture, caller.key, 'chat')).status).toBe(200);
      const info = await fixture.gateway.request(`/key/info?key=${caller.token}`);
      const { info: keyInfo } = (await info.json()) as { info: { budget_reset_at: string } };
      expect(Date.parse(keyInfo.budget_reset_at)).toBeGreaterThan(Date.parse(firstReset));
      // The new period's spend is this call's alone, so the next call is refused again.
      expect((await callSurface(fixture, caller.key, 'chat')).status).toBe(429);
    });
  });

  it('starts the new period without a call: the sweep resets what info routes show', async () => {
    await withFrozenClock(async (clock) => {
      const caller = await limitedKey(fixture, { team: { max_budget: 1, budget_duration: '30s' } });
      expect((await callSurface(fixture, caller.key, 'chat')).status).toBe(200);
      await fixture.flushSpend();
      const before = (await (
        await fixture.gateway.request(`/team/info?team_id=${caller.teamId}`)
      ).json()) as any;
      expect(before.team_info.spend).toBeGreaterThan(0);

      clock.advance(31_000);
      expect(await fixture.gateway.app.get(BudgetResetSweep).sweep()).toBeGreaterThanOrEqual(1);
      const after = (await (
        await fixture.gateway.request(`/team/info?team_id=${caller.teamId}`)
      ).json()) as any;
      expect(after.team_info.spend).toBe(0);
      expect(Date.parse(after.team_info.budget_reset_at)).toBeGreaterThan(
        Date.parse(before.team_info.budget_reset_at),
      );
    });
  });
});
