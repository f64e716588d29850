import { ids, routed } from './__fixtures__/routed-deployments';
import { UsageRouter } from './usage-router';

function served(router: UsageRouter, deployment: ReturnType<typeof routed>, tokens: number) {
  router.observe(deployment, { kind: 'start' });
  router.observe(deployment, { kind: 'success', latencyMs: 1, stream: false });
  router.observe(deployment, { kind: 'done', tokens });
}

describe('UsageRouter', () => {
  it('leads with the deployment with the most rpm/tpm headroom this minute', () => {
    let now = 60_000 * 100;
    const router = new UsageRouter(() => now);
    const big = routed('big', { rpm: 100 });
    const small = routed('small', { rpm: 4 });
    served(router, big, 10); // 1% of its rpm
    served(router, small, 10); // 25%
    expect(ids(router.order([small, big]))).toEqual(['big', 'small']);
    // tpm counts too: 500 tokens are 50% of this one's tpm.
    const tokenBound = routed('token-bound', { tpm: 1_000 });
    served(router, tokenBound, 500);
    expect(ids(router.order([tokenBound, small, big]))).toEqual(['big', 'small', 'token-bound']);
    now += 60_000;
    expect(router.usageOf(small)).toEqual({ requests: 0, tokens: 0 });
  });

  it('compares deployments without limits by tokens used, then by requests in flight', () => {
    const router = new UsageRouter(() => 0);
    const a = routed('a');
    const b = routed('b');
    served(router, a, 500);
    served(router, b, 100);
    expect(ids(router.order([a, b]))).toEqual(['b', 'a']);
    const c = routed('c');
    const d = routed('d');
    router.observe(c, { kind: 'start' });
    expect(ids(router.order([c, d]))).toEqual(['d', 'c']);
  });

  it('keeps order tiers: headroom is compared within a tier', () => {
    const router = new UsageRouter(() => 0);
    const primary = routed('primary', { rpm: 10 });
    const backup = routed('backup', { rpm: 1000, order: 2 });
    for (let call = 0; call < 5; call++) served(router, primary, 1);
    expect(ids(router.order([backup, primary]))).toEqual(['primary', 'backup']);
  });
});
