// The router's place in every call: it orders the deployments that serve the requested model (the first
// is tried first, the rest are fallbacks) and hears how each attempt went. Strategies plug in here by
// providing another DeploymentRouter (routers-by-strategy.ts picks one from router_settings); the
// pipeline does not change. Both methods run on every call, so they must cost microseconds: no I/O,
// no awaiting, state in this process only.
import type { ResolvedDeployment } from '../deployments/resolved-deployment';

/** What a strategy may know of the call it orders deployments for. */
export interface RouteRequest {
  /** The client streams: latency routing compares time to first token rather than whole answers. */
  stream: boolean;
}

export const UNARY_ROUTE: RouteRequest = Object.freeze({ stream: false });
export const STREAM_ROUTE: RouteRequest = Object.freeze({ stream: true });

/** How one attempt on a deployment ended (`latencyMs`: for a stream, until its first event came in). */
export type AttemptOutcome =
  | { kind: 'success'; latencyMs: number; stream: boolean }
  | { kind: 'failure'; retryable: boolean; error: unknown; latencyMs: number; stream: boolean };

/**
 * Everything a strategy hears about a deployment: an attempt starts, it ends (AttemptOutcome), and the
 * call it served is over (a stream relayed to its end, an answer sent), with the tokens it used.
 * Every `start` is followed by exactly one outcome, and every success by exactly one `done`.
 */
export type RoutingEvent = { kind: 'start' } | AttemptOutcome | { kind: 'done'; tokens: number };

export abstract class DeploymentRouter {
  /** The deployments to try for one call, best first. Must not mutate `candidates` (shared, cached). */
  abstract order(candidates: readonly ResolvedDeployment[], route?: RouteRequest): ResolvedDeployment[];

  /** Called as attempts start and end and as served calls finish, so a strategy can learn. */
  abstract observe(deployment: ResolvedDeployment, event: RoutingEvent): void;
}
