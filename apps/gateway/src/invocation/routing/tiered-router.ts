// What every strategy shares: `order` priority tiers. Deployments of order 1 are ranked first by the
// strategy, then those of order 2 after them, and so on, so a higher tier only serves when the lower
// ones fail (or are over their rpm/tpm). Within a tier the strategy ranks in place, on one copy of the
// candidates: the whole choice allocates a single array.
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import { DeploymentRouter, UNARY_ROUTE, type RouteRequest } from './deployment-router';

export abstract class TieredRouter extends DeploymentRouter {
  order(candidates: readonly ResolvedDeployment[], route: RouteRequest = UNARY_ROUTE): ResolvedDeployment[] {
    const ordered = candidates.slice();
    if (ordered.length < 2) return ordered;
    if (!hasTiers(ordered)) {
      this.rank(ordered, 0, ordered.length, route);
      return ordered;
    }
    ordered.sort(byOrder);
    let start = 0;
    for (let index = 1; index <= ordered.length; index++) {
      if (index < ordered.length && ordered[index].order === ordered[start].order) continue;
      if (index - start > 1) this.rank(ordered, start, index, route);
      start = index;
    }
    return ordered;
  }

  /** Reorders `list[start..end)` (one tier, at least two deployments) in place, best first. */
  protected abstract rank(list: ResolvedDeployment[], start: number, end: number, route: RouteRequest): void;
}

function hasTiers(list: readonly ResolvedDeployment[]): boolean {
  for (let index = 1; index < list.length; index++) if (list[index].order !== list[0].order) return true;
  return false;
}

function byOrder(a: ResolvedDeployment, b: ResolvedDeployment): number {
  return a.order - b.order;
}

/** Fisher–Yates over `list[start..end)`: a uniformly random order (ties in a strategy's ranking). */
export function shuffleRange(list: unknown[], start: number, end: number): void {
  for (let index = end - 1; index > start; index--) {
    const other = start + Math.floor(Math.random() * (index - start + 1));
    const held = list[index];
    list[index] = list[other];
    list[other] = held;
  }
}

/**
 * Stable insertion sort of `list[start..end)` by `scores` ascending (`scores[i]` belongs to `list[i]`
 * and moves with it). At most a few dozen deployments share a name, where this beats
 * Array.prototype.sort and allocates nothing. Shuffle first to break ties at random.
 */
export function sortRangeByScore(list: unknown[], scores: Float64Array, start: number, end: number): void {
  for (let index = start + 1; index < end; index++) {
    const item = list[index];
    const score = scores[index];
    let slot = index - 1;
    while (slot >= start && scores[slot] > score) {
      list[slot + 1] = list[slot];
      scores[slot + 1] = scores[slot];
      slot--;
    }
    list[slot + 1] = item;
    scores[slot + 1] = score;
  }
}

/** A reusable score array of at least `length` (order() is synchronous, so one per router is safe). */
export function scratchFor(scratch: Float64Array, length: number): Float64Array {
  return scratch.length >= length ? scratch : new Float64Array(Math.max(length, scratch.length * 2));
}
