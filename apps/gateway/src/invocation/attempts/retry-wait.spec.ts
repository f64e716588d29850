import { retryAfterMsOf, retryWaitMs } from './retry-wait';

const withRetryAfter = (value: string) => ({ $response: { headers: { 'retry-after': value } } });

describe('retryWaitMs', () => {
  it('waits nothing when the retry goes to another deployment', () => {
    expect(retryWaitMs(withRetryAfter('10'), 1, false, { minWaitMs: 500 })).toBe(0);
  });

  it('honours Retry-After up to a minute on the same deployment, else backs off with jitter', () => {
    expect(retryWaitMs(withRetryAfter('2'), 1, true)).toBe(2_000);
    expect(retryWaitMs(withRetryAfter('120'), 3, true, { random: () => 0.5 })).toBe(200);
    expect(retryWaitMs(new Error('reset'), 2, true, { random: () => 0.99, minWaitMs: 1_000 })).toBe(1_000);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMsOf(withRetryAfter('0.5'))).toBe(500);
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    expect(retryAfterMsOf(withRetryAfter(inTwoSeconds))).toBeGreaterThan(0);
    expect(retryAfterMsOf(withRetryAfter('soon'))).toBeUndefined();
    expect(retryAfterMsOf(new Error('no response'))).toBeUndefined();
  });
});
