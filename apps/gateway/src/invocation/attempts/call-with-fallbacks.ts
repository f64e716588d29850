// Calls Bedrock on the first deployment, retrying throttling and 5xx with jittered backoff; when that
// deployment is exhausted, moves on to the next deployment in the router's order (LiteLLM's
// load-balancing/fallback behaviour). All of this happens before the first byte reaches the client.
import { isRetryable, withRetries, type RetryOptions } from '@quarry/bedrock';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import { UNARY_ROUTE, type DeploymentRouter, type RouteRequest } from '../routing/deployment-router';

export interface Attempted<T> {
  result: T;
  deployment: ResolvedDeployment;
}

export async function callWithFallbacks<T>(
  ordered: readonly ResolvedDeployment[],
  router: DeploymentRouter,
  signal: AbortSignal,
  call: (deployment: ResolvedDeployment) => Promise<T>,
  /** Injected in tests: the backoff's sleep and randomness. */
  backoff: Pick<RetryOptions, 'sleep' | 'random'> = {},
  /** Told to the router with each outcome (a stream's attempt ends at its first event). */
  route: RouteRequest = UNARY_ROUTE,
): Promise<Attempted<T>> {
  let lastError: unknown;
  for (const deployment of ordered) {
    try {
      const result = await withRetries(() => observed(router, deployment, route.stream, call), {
        ...backoff,
        retries: deployment.numRetries,
        signal,
        isRetryable,
      });
      return { result, deployment };
    } catch (error) {
      lastError = error;
      if (signal.aborted || !isRetryable(error)) throw error;
    }
  }
  throw lastError;
}

async function observed<T>(
  router: DeploymentRouter,
  deployment: ResolvedDeployment,
  stream: boolean,
  call: (deployment: ResolvedDeployment) => Promise<T>,
): Promise<T> {
  router.observe(deployment, START);
  const startedAt = performance.now();
  try {
    const result = await call(deployment);
    router.observe(deployment, { kind: 'success', latencyMs: performance.now() - startedAt, stream });
    return result;
  } catch (error) {
    const latencyMs = performance.now() - startedAt;
    router.observe(deployment, { kind: 'failure', retryable: isRetryable(error), error, latencyMs, stream });
    throw error;
  }
}

const START = Object.freeze({ kind: 'start' as const });
