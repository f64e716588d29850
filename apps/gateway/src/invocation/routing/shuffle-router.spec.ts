import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import { ShuffleRouter } from './shuffle-router';

const candidates = ['a', 'b', 'c'].map((id) => ({ deployment: { id } }) as unknown as ResolvedDeployment);

describe('ShuffleRouter', () => {
  it('puts every deployment first some of the time and never changes the shared candidate list', () => {
    const router = new ShuffleRouter();
    const firsts = new Set<string>();
    for (let round = 0; round < 200; round++) {
      const ordered = router.order(candidates);
      expect(ordered.map((target) => target.deployment.id).sort()).toEqual(['a', 'b', 'c']);
      firsts.add(ordered[0].deployment.id);
    }
    expect([...firsts].sort()).toEqual(['a', 'b', 'c']);
    expect(candidates.map((target) => target.deployment.id)).toEqual(['a', 'b', 'c']);
  });
});
