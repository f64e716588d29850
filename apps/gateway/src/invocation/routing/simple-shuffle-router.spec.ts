import { ids, leaders, routed } from './__fixtures__/routed-deployments';
import { SimpleShuffleRouter } from './simple-shuffle-router';

// 4000 draws: a share p is observed within ±5σ = ±5·sqrt(p(1-p)/4000) ≤ ±0.04 (p = 0.5), so these
// bounds fail by chance about once in 3 million runs.
const ROUNDS = 4000;
const TOLERANCE = 0.04;

function share(counts: Record<string, number>, id: string): number {
  return (counts[id] ?? 0) / ROUNDS;
}

describe('SimpleShuffleRouter', () => {
  const router = new SimpleShuffleRouter();

  it('puts every deployment first about equally often when none is weighted, never changing the shared list', () => {
    const candidates = [routed('a'), routed('b'), routed('c')];
    const counts = leaders(ROUNDS, () => router.order(candidates));
    for (const id of ['a', 'b', 'c']) expect(Math.abs(share(counts, id) - 1 / 3)).toBeLessThan(TOLERANCE);
    expect(ids(candidates)).toEqual(['a', 'b', 'c']);
    expect(ids(router.order(candidates)).sort()).toEqual(['a', 'b', 'c']);
  });

  it('leads by weight (3:1), a deployment without weight counting as 1', () => {
    const counts = leaders(ROUNDS, () => router.order([routed('heavy', { weight: 3 }), routed('plain')]));
    expect(Math.abs(share(counts, 'heavy') - 0.75)).toBeLessThan(TOLERANCE);
  });

  it('weighs by rpm when every deployment has one and no weight is set, else by tpm', () => {
    const byRpm = leaders(ROUNDS, () =>
      router.order([routed('big', { rpm: 900, tpm: 1 }), routed('small', { rpm: 100, tpm: 1 })]),
    );
    expect(Math.abs(share(byRpm, 'big') - 0.9)).toBeLessThan(TOLERANCE);
    const byTpm = leaders(ROUNDS, () =>
      router.order([routed('big', { rpm: 5, tpm: 300 }), routed('small', { tpm: 100 })]),
    );
    expect(Math.abs(share(byTpm, 'big') - 0.75)).toBeLessThan(TOLERANCE);
  });

  it('draws the fallbacks by weight too: the heavier of the rest comes second more often', () => {
    const candidates = [routed('first', { weight: 1000 }), routed('b', { weight: 3 }), routed('c')];
    let bSecond = 0;
    for (let round = 0; round < ROUNDS; round++)
      if (router.order(candidates)[1].deployment.id === 'b') bSecond++;
    expect(Math.abs(bSecond / ROUNDS - 0.75)).toBeLessThan(TOLERANCE);
  });

  it('tries a higher order tier only after every deployment of the lower one', () => {
    const candidates = [
      routed('backup', { order: 2, weight: 100 }),
      routed('primary-1'),
      routed('last', { order: 3 }),
      routed('primary-2', { order: 1 }),
    ];
    const firsts = new Set<string>();
    for (let round = 0; round < 200; round++) {
      const ordered = ids(router.order(candidates));
      expect(ordered.slice(2)).toEqual(['backup', 'last']);
      firsts.add(ordered[0]);
    }
    expect([...firsts].sort()).toEqual(['primary-1', 'primary-2']);
  });
});
