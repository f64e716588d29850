// Calls Bedrock on the first deployment, retrying throttling and 5xx with jittered backoff; when that
// deployment is exhausted, moves on to the next deployment of the same model name (LiteLLM's
// load-balancing/fallback behaviour). All of this happens before the first byte reaches the client.
import { isRetryable, withRetries } from '@quarry/bedrock';
import type { PreparedDeployment } from './deployments/prepared-deployment';

export async function invokeWithFallbacks<T>(
  candidates: PreparedDeployment[],
  signal: AbortSignal,
  call: (deployment: PreparedDeployment, attemptNumber: number) => Promise<T>,
): Promise<{ result: T; deployment: PreparedDeployment }> {
  let lastError: unknown;
  for (const deployment of candidates) {
    try {
      const result = await withRetries((attemptNumber) => call(deployment, attemptNumber), {
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
