// rpm_limit, tpm_limit and max_parallel_requests on keys, teams and users, and rpm on a deployment, on
// every surface — with the counters in this process and in Redis: a 429 with Retry-After past a limit,
// OpenAI's x-ratelimit-* headers on answers, and parallel slots given back however a call ends.
import OpenAI from 'openai';
import { pollUntil } from '../support/polling';
import { describeWithRedis, testRedisUrl } from '../support/redis';
import type { ChatFixture } from '../chat/chat-fixture';
import { callSurface, limitedKey, startLimitsFixture, SURFACES, withinOneWindow } from './limits-fixture';

function rateLimitSuite(counters: string, env: () => Record<string, string>) {
  let fixture: ChatFixture;

  beforeAll(async () => {
    fixture = await startLimitsFixture('', env());
  });

  afterAll(async () => {
    await fixture?.close();
  });

  const client = (key: string) =>
    new OpenAI({ apiKey: key, baseURL: `${fixture.gateway.baseUrl}/v1`, maxRetries: 0 });

  it.each(SURFACES)(
    `%s (${counters}): rpm_limit admits that many calls a minute, then 429 with Retry-After`,
    async (surface) => {
      const caller = await limitedKey(fixture, { key: { rpm_limit: 2 } });
      await withinOneWindow();
      const first = await callSurface(fixture, caller.key, surface);
      expect(first.status).toBe(200);
      expect(first.headers.get('x-ratelimit-limit-requests')).toBe('2');
      expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('1');
      expect(first.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+s$/);
      expect(
        (await callSurface(fixture, caller.key, surface)).headers.get('x-ratelimit-remaining-requests'),
      ).toBe('0');

      const refused = await callSurface(fixture, caller.key, surface);
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
        param: 'rpm_limit',
      });
      expect(refused.body.message).toContain('this key: rpm_limit is 2 requests per minute');
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(61);
    },
  );

  it.each(['team', 'user'] as const)(
    `the %s's rpm_limit holds for all its keys (${counters})`,
    async (owner) => {
      const caller = await limitedKey(fixture, { [owner]: { rpm_limit: 1 } });
      const second = await fixture.gateway.request('/key/generate', {
        method: 'POST',
        json: { team_id: caller.teamId, user_id: caller.userId, models: ['claude-haiku', 'limits-*'] },
      });
      const otherKey = ((await second.json()) as { key: string }).key;
      await withinOneWindow();
      expect((await callSurface(fixture, caller.key, 'chat')).status).toBe(200);
      const refused = await callSurface(fixture, otherKey, 'embeddings');
      expect(refused.status).toBe(429);
      expect(refused.body.message).toContain(`this ${owner}: rpm_limit is 1 requests per minute`);
    },
  );

  it.each(['chat', 'embeddings'] as const)(
    `%s (${counters}): tpm_limit counts the tokens used, then refuses`,
    async (surface) => {
      const caller = await limitedKey(fixture, { key: { tpm_limit: 1 } });
      await withinOneWindow();
      const first = await callSurface(fixture, caller.key, surface);
      expect(first.status).toBe(200);
      expect(first.headers.get('x-ratelimit-limit-tokens')).toBe('1');
      expect(first.headers.get('x-ratelimit-reset-tokens')).toMatch(/^\d+s$/);
      // The first call's real usage has been counted: the window's one token is spent.
      const refused = await callSurface(fixture, caller.key, surface);
      expect(refused.status).toBe(429);
      expect(refused.body.param).toBe('tpm_limit');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    },
  );

  it.each(SURFACES)(
    `%s (${counters}): max_parallel_requests refuses a call while another holds the slot`,
    async (surface) => {
      const caller = await limitedKey(fixture, { key: { max_parallel_requests: 1 } });
      // A slow chat call (300 ms upstream latency) holds the only slot.
      const holding = client(caller.key).chat.completions.create({
        model: 'limits-slow',
        messages: [{ role: 'user', content: 'hold the slot' }],
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const refused = await callSurface(fixture, caller.key, surface);
      expect(refused.status).toBe(429);
      expect(refused.body.param).toBe('max_parallel_requests');
      expect(refused.body.message).toContain('max_parallel_requests is 1 requests at a time');
      await holding;
      expect((await callSurface(fixture, caller.key, surface)).status).toBe(200);
    },
  );

  it(`gives the parallel slot back after an upstream error (${counters})`, async () => {
    const caller = await limitedKey(fixture, { key: { max_parallel_requests: 1 } });
    const failed = await client(caller.key)
      .chat.completions.create({ model: 'limits-broken', messages: [{ role: 'user', content: 'fail' }] })
      .catch((error: InstanceType<typeof OpenAI.APIError>) => error);
    expect((failed as InstanceType<typeof OpenAI.APIError>).status).toBeGreaterThanOrEqual(500);
    expect((await callSurface(fixture, caller.key, 'chat')).status).toBe(200);
  });

  it(`gives the parallel slot back when the client aborts a stream midway (${counters})`, async () => {
    const caller = await limitedKey(fixture, { key: { max_parallel_requests: 1 } });
    const controller = new AbortController();
    const stream = await client(caller.key).chat.completions.create(
      {
        model: 'limits-trickle',
        stream: true,
        // The emulator echoes the prompt at 20 tokens a second: several seconds of stream.
        messages: [{ role: 'user', content: 'granite marble slate limestone basalt '.repeat(10) }],
      },
      { signal: controller.signal },
    );
    let chunks = 0;
    let statusDuringStream = 0;
    // The SDK ends the iteration quietly on abort.
    for await (const chunk of stream) {
      if (!chunk.choices[0]?.delta?.content) continue;
      if (++chunks === 1) statusDuringStream = (await callSurface(fixture, caller.key, 'embeddings')).status;
      else controller.abort();
    }
    // Cut short (the whole echo is dozens of chunks; one already on its way may still arrive).
    expect(chunks).toBeGreaterThanOrEqual(2);
    expect(chunks).toBeLessThan(10);
    // While the stream ran, it held the only slot.
    expect(statusDuringStream).toBe(429);
    // Once the gateway has seen the client leave, the slot is free again.
    const seen = await pollUntil(
      'the slot to be released after the abort',
      () => callSurface(fixture, caller.key, 'embeddings'),
      (result) => result.status === 200,
      { timeoutMs: 5_000 },
    );
    const next = seen[seen.length - 1];
    expect(next.status).toBe(200);
  });

  it(`a deployment's rpm sends no more calls to it than its limit (${counters})`, async () => {
    const caller = await limitedKey(fixture);
    await withinOneWindow();
    const statuses: number[] = [];
    for (let call = 0; call < 3; call++) {
      const response = await fixture.gateway.request('/v1/chat/completions', {
        method: 'POST',
        key: caller.key,
        json: { model: 'limits-capped', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 },
      });
      statuses.push(response.status);
      if (response.status === 429) {
        const body = (await response.json()) as any;
        expect(body.error).toMatchObject({ param: 'rpm', type: 'rate_limit_error' });
        expect(body.error.message).toContain('this model deployment: rpm is');
      } else await response.text();
    }
    // Shared by every caller of the deployment this minute: at most 2 of these (other tests may take some).
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(2);
    expect(statuses[2]).toBe(429);
  });

  it(`sends no rate-limit headers when no limit is set (${counters})`, async () => {
    const caller = await limitedKey(fixture);
    const answer = await callSurface(fixture, caller.key, 'chat');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-ratelimit-limit-requests')).toBeNull();
    expect(answer.headers.get('x-ratelimit-limit-tokens')).toBeNull();
  });
}

describe('rate limits, counters in this process', () => {
  rateLimitSuite('in-process', () => ({}));
});

describeWithRedis('rate limits, counters in Redis', () => {
  rateLimitSuite('Redis', () => ({ REDIS_URL: testRedisUrl() }));
});
