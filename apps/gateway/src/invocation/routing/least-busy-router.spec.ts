import { ids, leaders, routed } from './__fixtures__/routed-deployments';
import { LeastBusyRouter } from './least-busy-router';

describe('LeastBusyRouter', () => {
  const a = routed('a');
  const b = routed('b');
  const c = routed('c');

  it('leads with the deployment with the fewest calls in flight, until they end', () => {
    const router = new LeastBusyRouter();
    router.observe(a, { kind: 'start' });
    router.observe(a, { kind: 'start' });
    router.observe(b, { kind: 'start' });
    expect(ids(router.order([a, b, c]))).toEqual(['c', 'b', 'a']);
    // a's two calls end (one served and done, one failed): a is idle again, b still busy.
    router.observe(a, { kind: 'success', latencyMs: 5, stream: false });
    router.observe(a, { kind: 'done', tokens: 10 });
    router.observe(a, {
      kind: 'failure',
      retryable: true,
      error: new Error('x'),
      latencyMs: 5,
      stream: false,
    });
    expect(router.busy('a')).toBe(0);
    expect(ids(router.order([a, b, c])).at(-1)).toBe('b');
  });

  it('keeps a call in flight from a successful attempt until its stream is done', () => {
    const router = new LeastBusyRouter();
    router.observe(a, { kind: 'start' });
    router.observe(a, { kind: 'success', latencyMs: 5, stream: true });
    expect(router.busy('a')).toBe(1);
    router.observe(a, { kind: 'done', tokens: 3 });
    expect(router.busy('a')).toBe(0);
  });

  it('breaks ties at random', () => {
    const counts = leaders(400, () => new LeastBusyRouter().order([a, b]));
    expect(counts.a).toBeGreaterThan(100);
    expect(counts.b).toBeGreaterThan(100);
  });

  it('ranks within order tiers: an idle backup stays behind a busy primary', () => {
    const router = new LeastBusyRouter();
    const primary = routed('primary');
    const backup = routed('backup', { order: 2 });
    router.observe(primary, { kind: 'start' });
    expect(ids(router.order([backup, primary]))).toEqual(['primary', 'backup']);
  });
});
