// LiteLLM's `least-busy`: the deployment with the fewest calls in flight from this instance goes first
// (ties at random). A call is in flight from its attempt's start until its answer is sent or its stream
// has ended, or until the attempt failed. Counts are this process's: every instance balances its own
// load, which spreads the whole as well without a shared store on the hot path.
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import type { RoutingEvent } from './deployment-router';
import { scratchFor, shuffleRange, sortRangeByScore, TieredRouter } from './tiered-router';

export class LeastBusyRouter extends TieredRouter {
  /** Calls in flight per deployment id (ids outlive the deployment objects a model reload replaces). */
  private readonly inFlight = new Map<string, number>();
  private scores: Float64Array = new Float64Array(16);

  /** How many calls the deployment with this id is serving now. */
  busy(deploymentId: string): number {
    return this.inFlight.get(deploymentId) ?? 0;
  }

  protected rank(list: ResolvedDeployment[], start: number, end: number): void {
    shuffleRange(list, start, end);
    const scores = (this.scores = scratchFor(this.scores, end));
    for (let index = start; index < end; index++) scores[index] = this.busy(list[index].deployment.id);
    sortRangeByScore(list, scores, start, end);
  }

  observe(deployment: ResolvedDeployment, event: RoutingEvent): void {
    if (event.kind === 'start') this.add(deployment, 1);
    else if (event.kind === 'failure' || event.kind === 'done') this.add(deployment, -1);
  }

  private add(deployment: ResolvedDeployment, delta: number): void {
    const id = deployment.deployment.id;
    const count = Math.max(0, (this.inFlight.get(id) ?? 0) + delta);
    if (count === 0) this.inFlight.delete(id);
    else this.inFlight.set(id, count);
  }
}
