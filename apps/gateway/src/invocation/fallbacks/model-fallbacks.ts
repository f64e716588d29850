// Model-level fallbacks: once the requested model's deployments are exhausted (after their retries), the
// fallback models for that failure are tried in order, each with its own deployments, translation,
// credentials and price, until one answers. All of it happens before the client's first byte. A fallback
// that fails the same way moves on to the next; one that rejects the request as written ends the chain
// with its error (LiteLLM's rule); a model already tried, or past max_fallbacks, is not tried again.
import type { OpenAIError } from '@quarry/openai';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import { fallbackHeaders } from './fallback-headers';
import { fallbackTriggerOf, type FallbackTrigger } from './fallback-trigger';

/** One model's deployments for this call (the planner may add what the attempts need). */
export interface FallbackTurn {
  deployments: readonly ResolvedDeployment[];
}

export interface FallbackRoute<Turn extends FallbackTurn = FallbackTurn> {
  /** The requested model's public name: the key of the fallback lists, never tried again. */
  model: string;
  maxFallbacks: number;
  modelsFor(trigger: FallbackTrigger): readonly string[];
  /** A fallback model's deployments for this caller and surface; none: it is passed over. */
  deploymentsOf(model: string): Turn;
  /**
   * Whether the model can take this request at all (its translation, the caller's budget for that
   * model); false: passed over.
   */
  accepts(deployments: readonly ResolvedDeployment[], model: string): Promise<boolean>;
}

export interface Served<T> {
  result: T;
  /** How many fallback models were tried (0: the requested model served). */
  attemptedFallbacks: number;
  /** The fallback model that served (undefined: the requested model did). */
  fallbackModel?: string;
}

/**
 * @param callModel calls one model's deployments (with their retries) and throws an OpenAIError.
 * @throws the last model's OpenAIError, with the attempted-fallbacks headers.
 */
export async function callWithModelFallbacks<T, Turn extends FallbackTurn>(
  primary: Turn,
  /** Made only when the requested model failed: a call that succeeds does no fallback work. */
  routeOf: () => FallbackRoute<Turn>,
  callModel: (turn: Turn) => Promise<T>,
): Promise<Served<T>> {
  let error: OpenAIError;
  try {
    return { result: await callModel(primary), attemptedFallbacks: 0 };
  } catch (failure) {
    error = failure as OpenAIError;
  }
  const trigger = fallbackTriggerOf(error);
  let attempted = 0;
  if (trigger) {
    const route = routeOf();
    const tried = new Set([route.model]);
    for (const model of route.modelsFor(trigger)) {
      if (attempted >= route.maxFallbacks) break;
      if (tried.has(model)) continue;
      tried.add(model);
      const turn = route.deploymentsOf(model);
      if (turn.deployments.length === 0 || !(await route.accepts(turn.deployments, model))) continue;
      attempted++;
      try {
        return { result: await callModel(turn), attemptedFallbacks: attempted, fallbackModel: model };
      } catch (failure) {
        error = failure as OpenAIError;
        if (!fallbackTriggerOf(error)) break;
      }
    }
  }
  Object.assign(error.headers, fallbackHeaders(attempted));
  throw error;
}
