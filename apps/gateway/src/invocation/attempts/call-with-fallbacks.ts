// Calls Bedrock on the first deployment, retrying throttling and 5xx with jittered backoff; when that
// deployment is exhausted, moves on to the next deployment in the router's order (LiteLLM's
// load-balancing/fallback behaviour). All of this happens before the first byte reaches the client.
import { isRetryable, withRetries, type RetryOptions } from '@quarry/bedrock';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import type { DeploymentRouter } from '../routing/deployment-router';

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
): Promise<Attempted<T>> {
  let lastError: unknown;
  for (const deployment of ordered) {
    try {
      const result = await withRetries(() => observed(router, deployment, call), {
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
  call: (deployment: ResolvedDeployment) => Promise<T>,
): Promise<T> {
  const startedAt = performance.now();
  try {
    const result = await call(deployment);
    router.observe(deployment, { kind: 'success', latencyMs: performance.now() - startedAt });
    return result;
  } catch (error) {
    router.observe(deployment, { kind: 'failure', retryable: isRetryable(error), error });
    throw error;
  }
}
