// LiteLLM's `latency-based-routing`: the fastest deployment goes first, by the moving average of its
// last latencies within `ttl`; a stream is ranked by time to first token (its attempt ends when the
// first event is in), a plain call by its whole answer. Deployments within `lowest_latency_buffer` of
// the fastest (0.5: up to 50% slower) share the lead at random, so near-equals split the load. One
// never measured (or not within ttl) ranks as fastest, so every deployment gets measured; one whose
// attempt failed with a retryable error (throttled, 5xx, timed out) counts a penalty instead.
import type { LatencyRoutingArgs } from '../../platform/config/router-settings';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import type { RouteRequest, RoutingEvent } from './deployment-router';
import { LatencySamples } from './latency-samples';
import { scratchFor, shuffleRange, sortRangeByScore, TieredRouter } from './tiered-router';

/** What a failed attempt counts as (LiteLLM counts a timeout as 1000 s). */
export const FAILURE_PENALTY_MS = 1_000_000;

interface DeploymentLatency {
  unary: LatencySamples;
  stream: LatencySamples;
}

export class LatencyRouter extends TieredRouter {
  private readonly latencies = new Map<string, DeploymentLatency>();
  private scores: Float64Array = new Float64Array(16);

  constructor(
    private readonly args: LatencyRoutingArgs,
    private readonly now: () => number = () => performance.now(),
  ) {
    super();
  }

  /** The average latency `ranks` uses for a deployment (undefined: not measured within ttl). */
  averageOf(deployment: ResolvedDeployment, route: RouteRequest, now = this.now()): number | undefined {
    const latency = this.latencies.get(deployment.deployment.id);
    return latency && (route.stream ? latency.stream : latency.unary).average(now, this.args.ttlMs);
  }

  protected rank(list: ResolvedDeployment[], start: number, end: number, route: RouteRequest): void {
    shuffleRange(list, start, end);
    const scores = (this.scores = scratchFor(this.scores, end));
    const now = this.now();
    for (let index = start; index < end; index++)
      scores[index] = this.averageOf(list[index], route, now) ?? 0;
    sortRangeByScore(list, scores, start, end);
    // The fastest and those within the buffer of it are already shuffled among themselves: with a
    // buffer, lead with any of them at random (the rest keep their ranks).
    const limit = scores[start] * (1 + this.args.lowestLatencyBuffer);
    let within = start + 1;
    while (within < end && scores[within] <= limit) within++;
    if (within - start < 2) return;
    const leader = start + Math.floor(Math.random() * (within - start));
    const chosen = list[leader];
    list[leader] = list[start];
    list[start] = chosen;
  }

  observe(deployment: ResolvedDeployment, event: RoutingEvent): void {
    if (event.kind !== 'success' && !(event.kind === 'failure' && event.retryable)) return;
    const id = deployment.deployment.id;
    let latency = this.latencies.get(id);
    if (!latency) {
      latency = { unary: new LatencySamples(), stream: new LatencySamples() };
      this.latencies.set(id, latency);
    }
    const measured = event.kind === 'success' ? event.latencyMs : FAILURE_PENALTY_MS;
    (event.stream ? latency.stream : latency.unary).record(measured, this.now());
  }
}
