import { ids, leaders, routed } from './__fixtures__/routed-deployments';
import { LatencyRouter } from './latency-router';

const fast = routed('fast');
const slow = routed('slow');
const unary = { stream: false };
const stream = { stream: true };

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function answered(router: LatencyRouter, deployment: typeof fast, latencyMs: number, isStream = false) {
  router.observe(deployment, { kind: 'start' });
  router.observe(deployment, { kind: 'success', latencyMs, stream: isStream });
}

describe('LatencyRouter', () => {
  it('leads with the deployment whose recent answers were fastest', () => {
    const router = new LatencyRouter({ ttlMs: 60_000, lowestLatencyBuffer: 0 });
    answered(router, fast, 100);
    answered(router, slow, 400);
    expect(ids(router.order([slow, fast], unary))).toEqual(['fast', 'slow']);
  });

  it('tries a deployment never measured first, so each gets measured', () => {
    const router = new LatencyRouter({ ttlMs: 60_000, lowestLatencyBuffer: 0 });
    answered(router, fast, 100);
    expect(ids(router.order([fast, slow], unary))[0]).toBe('slow');
  });

  it('averages the last ten latencies, forgetting those older than ttl', () => {
    const time = clock();
    const router = new LatencyRouter({ ttlMs: 10_000, lowestLatencyBuffer: 0 }, time.now);
    for (let call = 0; call < 10; call++) answered(router, fast, 1_000);
    time.advance(20_000);
    answered(router, fast, 50);
    answered(router, fast, 150);
    expect(router.averageOf(fast, unary)).toBe(100);
    time.advance(20_000);
    expect(router.averageOf(fast, unary)).toBeUndefined();
  });

  it('ranks streams by their time to first token, apart from whole answers', () => {
    const router = new LatencyRouter({ ttlMs: 60_000, lowestLatencyBuffer: 0 });
    answered(router, fast, 900, false);
    answered(router, slow, 100, false);
    answered(router, fast, 50, true);
    answered(router, slow, 300, true);
    expect(ids(router.order([slow, fast], stream))).toEqual(['fast', 'slow']);
    expect(ids(router.order([slow, fast], unary))).toEqual(['slow', 'fast']);
  });

  it('shares the lead among deployments within lowest_latency_buffer of the fastest', () => {
    const router = new LatencyRouter({ ttlMs: 60_000, lowestLatencyBuffer: 0.5 });
    const near = routed('near');
    answered(router, fast, 100);
    answered(router, near, 140);
    answered(router, slow, 400);
    const counts = leaders(2000, () => router.order([fast, near, slow], unary));
    // p = 1/2 each over 2000 draws: ±5σ ≈ ±0.056.
    expect(Math.abs(counts.fast / 2000 - 0.5)).toBeLessThan(0.06);
    expect(counts.slow).toBeUndefined();
  });

  it('counts a retryable failure as a penalty, and ignores a client error', () => {
    const router = new LatencyRouter({ ttlMs: 60_000, lowestLatencyBuffer: 0 });
    answered(router, fast, 100);
    answered(router, slow, 400);
    router.observe(fast, {
      kind: 'failure',
      retryable: true,
      error: new Error(),
      latencyMs: 1,
      stream: false,
    });
    router.observe(slow, {
      kind: 'failure',
      retryable: false,
      error: new Error(),
      latencyMs: 1,
      stream: false,
    });
    expect(ids(router.order([fast, slow], unary))).toEqual(['slow', 'fast']);
  });
});
