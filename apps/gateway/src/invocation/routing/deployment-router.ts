// The router's place in every call: it orders the deployments that serve the requested model (the first
// is tried first, the rest are fallbacks) and hears how each attempt went. Strategies, weights and
// cooldowns plug in here by providing another DeploymentRouter; the pipeline does not change.
import type { ResolvedDeployment } from '../deployments/resolved-deployment';

export type AttemptOutcome =
  { kind: 'success'; latencyMs: number } | { kind: 'failure'; retryable: boolean; error: unknown };

export abstract class DeploymentRouter {
  /** The deployments to try for one call, best first. Must not mutate `candidates` (shared, cached). */
  abstract order(candidates: readonly ResolvedDeployment[]): ResolvedDeployment[];

  /** Called after every attempt on a deployment, so a strategy can learn (latency, cooldowns). */
  abstract observe(deployment: ResolvedDeployment, outcome: AttemptOutcome): void;
}
