// What the pipeline works out for a call before the first attempt: which of the model's deployments
// serve this surface, each deployment's translation (made once per call), and the call's timeout.
import { OpenAIError } from '@quarry/openai';
import { endpointsFor } from '../tenancy/models/model-mode';
import type { ResolvedDeployment } from './deployments/resolved-deployment';
import type { RequestReliability } from './fallbacks/request-reliability';
import type { Invocation } from './invocation';
import { STREAM_ROUTE, UNARY_ROUTE, type RouteRequest } from './routing/deployment-router';

/** Each deployment's translation for one call, made on first use. */
export interface Translations {
  (deployment: ResolvedDeployment): Promise<unknown>;
  /** The translation, when it is already made and settled (used without an await); else undefined. */
  ready(deployment: ResolvedDeployment): unknown;
}

/** The deployments of the model that this surface serves; none is a 400 that names the right endpoint. */
export function servedBy(
  invocation: Invocation,
  candidates: readonly ResolvedDeployment[],
): readonly ResolvedDeployment[] {
  // Usually every deployment serves the surface: the list is then used as it is, not copied.
  if (candidates.every((candidate) => invocation.modes.includes(candidate.mode))) return candidates;
  const served = candidates.filter((candidate) => invocation.modes.includes(candidate.mode));
  if (served.length > 0) return served;
  const mode = candidates[0].mode;
  throw OpenAIError.badRequest(
    `Model "${invocation.model}" is a${/^[aeiou]/.test(mode) ? 'n' : ''} ${mode.replace('_', ' ')} model; call ${endpointsFor(mode).join(' or ')} for it`,
    'model',
    'wrong_endpoint',
  );
}

/**
 * Each deployment's translation, made once per call (images are fetched once, not per fallback). The
 * first deployment's is held in place; a Map is made only when a call moves on to another deployment.
 */
export function translationsOf(invocation: Invocation): Translations {
  let first: ResolvedDeployment | undefined;
  let firstMade: Promise<unknown> | undefined;
  let firstSettled: unknown;
  let others: Map<ResolvedDeployment, { made: Promise<unknown>; settled?: unknown }> | undefined;
  const translations = (deployment: ResolvedDeployment): Promise<unknown> => {
    if (deployment === first) return firstMade!;
    const other = others?.get(deployment);
    if (other) return other.made;
    const made = translated(invocation, deployment);
    // Settles before anyone awaiting it resumes (reactions run in order), so ready() sees it then.
    if (first === undefined) {
      first = deployment;
      firstMade = made;
      made.then((value) => (firstSettled = value), ignoreFailure);
    } else {
      const entry: { made: Promise<unknown>; settled?: unknown } = { made };
      (others ??= new Map()).set(deployment, entry);
      made.then((value) => (entry.settled = value), ignoreFailure);
    }
    return made;
  };
  return Object.assign(translations, {
    ready: (deployment: ResolvedDeployment) =>
      deployment === first ? firstSettled : others?.get(deployment)?.settled,
  });
}

/**
 * The invocation's translation as a promise, also when it throws at once (a translate that is not an
 * async function, such as /v1/messages'): every caller then sees a rejection, as FallbackPlanner.accepts
 * needs to pass a model whose translation is refused (4xx) over instead of ending the call.
 */
function translated(invocation: Invocation, deployment: ResolvedDeployment): Promise<unknown> {
  try {
    return invocation.translate(deployment);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** A failed translation is its caller's to handle (it awaits the same promise). */
function ignoreFailure(): undefined {
  return undefined;
}

/** The deployment's timeout, or the request's `timeout` when shorter (a client may not extend it). */
export function requestTimeoutOf(deployment: ResolvedDeployment, reliability: RequestReliability): number {
  return reliability.timeoutMs !== undefined
    ? Math.min(deployment.timeoutMs, reliability.timeoutMs)
    : deployment.timeoutMs;
}

/** Whether the request's `timeout`, not the deployment's, is the call's deadline. */
export function timeoutSetByClient(deployment: ResolvedDeployment, reliability: RequestReliability): boolean {
  return reliability.timeoutMs !== undefined && reliability.timeoutMs < deployment.timeoutMs;
}

/** What the router is told about the call (latency routing compares streams by time to first token). */
export function routeRequestOf(invocation: Invocation): RouteRequest {
  return invocation.kind === 'stream' ? STREAM_ROUTE : UNARY_ROUTE;
}
