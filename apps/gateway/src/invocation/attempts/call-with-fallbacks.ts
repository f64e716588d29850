// Calls Bedrock on the deployments of one model in the router's order, all before the first byte reaches
// the client. The retry budget is one number for the whole call, as in LiteLLM: `num_retries` retries in
// all (the request's, else the first deployment's litellm_params / router_settings / litellm_settings),
// each retry going to the next deployment in the order that is not cooling down, wrapping round to the
// first; only throttling, upstream 5xx and network failures are retried (libs/bedrock isRetryable).
import { setTimeout as sleepFor } from 'node:timers/promises';
import { isRetryable } from '@quarry/bedrock';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import { UNARY_ROUTE, type DeploymentRouter, type RouteRequest } from '../routing/deployment-router';
import { retryWaitMs, type RetryWaitOptions } from './retry-wait';

export interface Attempted<T> {
  result: T;
  deployment: ResolvedDeployment;
  /** Retries made before this answer (0: the first attempt answered). */
  retries: number;
}

export interface AttemptOptions extends RetryWaitOptions {
  /** Retries in all; default: the first deployment's num_retries. */
  retries?: number;
  /** False for a deployment that is cooling down (asked before each retry: a cooldown may start mid-call). */
  isAvailable?: (deployment: ResolvedDeployment) => boolean;
  /** Told to the router with each outcome (a stream's attempt ends at its first event). */
  route?: RouteRequest;
  /** Injected in tests: must reject when the signal aborts. */
  sleep?: (milliseconds: number, signal: AbortSignal) => Promise<void>;
}

export async function callWithFallbacks<T>(
  ordered: readonly ResolvedDeployment[],
  router: DeploymentRouter,
  signal: AbortSignal,
  call: (deployment: ResolvedDeployment) => Promise<T>,
  options: AttemptOptions = {},
): Promise<Attempted<T>> {
  const budget = Math.max(0, Math.floor(options.retries ?? ordered[0].numRetries));
  const route = options.route ?? UNARY_ROUTE;
  const sleep =
    options.sleep ?? ((milliseconds, abort) => sleepFor(milliseconds, undefined, { signal: abort }));
  let position = 0;
  for (let retries = 0; ; retries++) {
    throwIfAborted(signal);
    const deployment = ordered[position];
    // The router hears each attempt start and end (written out here, not in a helper: one async
    // frame fewer per call on the hot path).
    router.observe(deployment, START);
    const startedAt = performance.now();
    try {
      const result = await call(deployment);
      router.observe(deployment, {
        kind: 'success',
        latencyMs: performance.now() - startedAt,
        stream: route.stream,
      });
      return { result, deployment, retries };
    } catch (error) {
      router.observe(deployment, {
        kind: 'failure',
        retryable: isRetryable(error),
        error,
        latencyMs: performance.now() - startedAt,
        stream: route.stream,
      });
      // An attempt that failed because the caller gave up reports the caller's reason.
      throwIfAborted(signal);
      if (retries >= budget || !isRetryable(error)) throw error;
      const next = nextAvailable(ordered, position, options.isAvailable);
      if (next === undefined) throw error;
      const waitMs = retryWaitMs(error, retries + 1, next === position, options);
      if (waitMs > 0) await sleep(waitMs, signal).catch(() => throwIfAborted(signal));
      position = next;
    }
  }
}

/** The next position after `from` (wrapping round, `from` itself last) whose deployment is available. */
function nextAvailable(
  ordered: readonly ResolvedDeployment[],
  from: number,
  isAvailable: ((deployment: ResolvedDeployment) => boolean) | undefined,
): number | undefined {
  for (let step = 1; step <= ordered.length; step++) {
    const position = (from + step) % ordered.length;
    if (!isAvailable || isAvailable(ordered[position])) return position;
  }
  return undefined;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted)
    throw signal.reason ?? Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}

const START = Object.freeze({ kind: 'start' as const });
