// Parallel calls against a nearly spent budget: the estimated cost of the calls in flight counts as
// spent, so a burst overshoots max_budget by at most about one call's cost (docs/budgets-and-limits.md,
// "How far a budget can be overshot") instead of by every call of the burst.
import OpenAI from 'openai';
import type { ChatFixture } from '../chat/chat-fixture';
import { limitedKey, startLimitsFixture } from './limits-fixture';

let fixture: ChatFixture;

beforeAll(async () => {
  fixture = await startLimitsFixture();
});

afterAll(async () => {
  await fixture?.close();
});

const REQUEST = {
  // 300 ms upstream: all twelve calls are in flight together.
  model: 'limits-slow',
  messages: [{ role: 'user' as const, content: 'count to ten' }],
  max_tokens: 10,
};

describe('budget overshoot under concurrency', () => {
  it('a burst of parallel calls spends at most max_budget plus one call', async () => {
    // What one such call costs, learnt from a key without a budget.
    const probe = await limitedKey(fixture);
    const probeClient = new OpenAI({
      apiKey: probe.key,
      baseURL: `${fixture.gateway.baseUrl}/v1`,
      maxRetries: 0,
    });
    const { response } = await probeClient.chat.completions.create(REQUEST).withResponse();
    const oneCall = Number(response.headers.get('x-quarry-response-cost'));
    expect(oneCall).toBeGreaterThan(0);

    const maxBudget = oneCall * 2.5;
    const caller = await limitedKey(fixture, { key: { max_budget: maxBudget } });
    const client = new OpenAI({
      apiKey: caller.key,
      baseURL: `${fixture.gateway.baseUrl}/v1`,
      maxRetries: 0,
    });
    const outcomes = await Promise.all(
      Array.from({ length: 12 }, () =>
        client.chat.completions.create(REQUEST).then(
          () => 200,
          (error: InstanceType<typeof OpenAI.APIError>) => {
            expect(error.error).toMatchObject({ type: 'budget_exceeded' });
            return error.status;
          },
        ),
      ),
    );
    const admitted = outcomes.filter((status) => status === 200).length;
    expect(admitted).toBeGreaterThanOrEqual(2);
    // Without the in-flight reservation every one of the twelve would have been admitted (spend was 0).
    expect(outcomes.filter((status) => status === 429).length).toBeGreaterThan(0);

    await fixture.flushSpend();
    const stored = await fixture.prisma.virtualKey.findUnique({ where: { id: caller.token } });
    expect(stored!.spend).toBeCloseTo(admitted * oneCall, 9);
    expect(stored!.spend).toBeLessThanOrEqual(maxBudget + oneCall + 1e-12);
  });
});
