// The one path every Bedrock call takes, whatever the surface: access → limits → route → translate →
// call (retries and fallbacks before the first byte, under one deadline) → translate back → reply →
// meter and book spend. Surfaces parse and translate; everything else lives here, once.
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { formatCost } from '@quarry/bedrock';
import { OpenAIError } from '@quarry/openai';
import { redactKeysAndCredentials } from '../platform/logging/log-redaction';
import { LOGGER } from '../platform/logging/logger.token';
import { ShutdownSignal } from '../platform/shutdown/shutdown-signal';
import type { Principal } from '../tenancy/auth/principal';
import { ModelAccessService } from '../tenancy/access/model-access.service';
import { endpointsFor } from '../tenancy/models/model-mode';
import { SpendWriter } from '../spend/spend-writer.service';
import { CallDeadline } from './attempts/call-deadline';
import { callWithFallbacks, type Attempted } from './attempts/call-with-fallbacks';
import { DeploymentResolver } from './deployments/deployment-resolver';
import type { ResolvedDeployment } from './deployments/resolved-deployment';
import {
  adviseOnClientRetry,
  spendStatusOf,
  toInvocationError,
  type CallSignals,
} from './errors/invocation-error';
import { FallbackPlanner } from './fallbacks/fallback-planner';
import { fallbackHeaders } from './fallbacks/fallback-headers';
import { callWithModelFallbacks, type FallbackRoute, type Served } from './fallbacks/model-fallbacks';
import { takeRequestReliability, type RequestReliability } from './fallbacks/request-reliability';
import type { Invocation, StreamInvocation, UnaryInvocation } from './invocation';
import { StreamIdleTimer } from './timeouts/stream-idle-timer';
import { requestTimedOut } from './timeouts/timeout-errors';
import { InvocationLimits, type Admission } from './limits/invocation-limits';
import type { CallOutcome } from './metering/call-outcome';
import { MeteredCall, requestedModelOf, type CallType } from './metering/metered-call';
import { RESPONSE_COST_HEADER } from './metering/response-cost-header';
import type { ClientReply } from './reply/client-reply';
import { DeploymentRouter } from './routing/deployment-router';
import { relayStream } from './stream-relay';

type Translations = (deployment: ResolvedDeployment) => Promise<unknown>;

/** What the unary and stream paths share about one call. */
interface CallState {
  call: MeteredCall;
  ordered: ResolvedDeployment[];
  translations: Translations;
  reliability: RequestReliability;
  admission: Admission;
}

@Injectable()
export class InvocationPipeline {
  constructor(
    private readonly access: ModelAccessService,
    private readonly deployments: DeploymentResolver,
    private readonly router: DeploymentRouter,
    private readonly fallbacks: FallbackPlanner,
    private readonly limits: InvocationLimits,
    private readonly spend: SpendWriter,
    private readonly shutdown: ShutdownSignal,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Runs one call and answers the client through `reply`. `build` parses the body (throwing an
   * OpenAIError for bad input) and may fill in the metering record (end user).
   * @throws OpenAIError for anything that fails before the client got a byte (the filter renders it).
   */
  async run(
    principal: Principal,
    reply: ClientReply,
    callType: CallType,
    body: unknown,
    build: (call: MeteredCall) => Invocation,
  ): Promise<void> {
    const call = new MeteredCall(reply.requestId, principal, callType, requestedModelOf(body));
    let admission: Admission | undefined;
    try {
      const reliability = takeRequestReliability(body);
      const invocation = build(call);
      const candidates = servedBy(
        invocation,
        this.deployments.resolveAll(this.access.resolve(principal, invocation.model)),
      );
      admission = await this.limits.admit(call, { body, deployments: this.router.order(candidates) });
      const ordered = [...admission.deployments];
      const translations = translationsOf(invocation);
      await translations(ordered[0]);
      const state = { call, ordered, translations, reliability, admission };
      const route = () => this.fallbacks.routeFor(principal, invocation, translations, reliability);
      const outcome =
        invocation.kind === 'stream'
          ? await this.stream(state, invocation, route, reply)
          : await this.unary(state, invocation, route, reply);
      this.book(call, outcome);
    } catch (error) {
      const openAIError = toInvocationError(error);
      if (openAIError.status === 500) this.logUnexpected(call, error);
      this.book(call, failureOutcome(openAIError));
      throw openAIError;
    } finally {
      admission?.settle(call.usage, call.cost);
    }
  }

  private async unary(
    { call, ordered, translations, reliability, admission }: CallState,
    invocation: UnaryInvocation<unknown, unknown>,
    route: () => FallbackRoute,
    reply: ClientReply,
  ): Promise<CallOutcome> {
    const tally = { attempts: 0 };
    const served = await this.withFallbacks(ordered, route, tally, async (deployments) => {
      const timeoutMs = requestTimeoutOf(deployments[0], reliability);
      const deadline = new CallDeadline(timeoutMs, [], () => requestTimedOut(timeoutMs));
      const signals = { deadline: deadline.signal };
      try {
        const attempted = await this.attempt(call, deployments, signals, tally, async (deployment) =>
          invocation.send(deployment, await translations(deployment), deadline.signal),
        );
        // Inside the model's turn: a refusal found in the answer (an image filter) falls back too.
        const { deployment, result } = attempted;
        return { deployment, answer: invocation.respond(result, await translations(deployment), deployment) };
      } catch (error) {
        throw toInvocationError(error, signals);
      } finally {
        deadline.dispose();
      }
    });
    call.deployment = served.result.deployment;
    call.markFirstToken();
    const { body, usage, cost, headers } = served.result.answer;
    call.usage = usage;
    call.reportedCost = cost;
    reply.sendJson(body, {
      ...admission.headers,
      ...headers,
      ...fallbackHeaders(served.attemptedFallbacks),
      [RESPONSE_COST_HEADER]: formatCost(call.cost),
    });
    return { status: 'success', httpStatus: 200 };
  }

  private async stream(
    { call, ordered, translations, reliability, admission }: CallState,
    invocation: StreamInvocation<unknown, unknown>,
    route: () => FallbackRoute,
    reply: ClientReply,
  ): Promise<CallOutcome> {
    const sse = reply.openStream();
    const tally = { attempts: 0 };
    const served = await this.withFallbacks(ordered, route, tally, async (deployments) => {
      const timeoutMs = requestTimeoutOf(deployments[0], reliability);
      const idleMs = deployments[0].streamTimeoutMs;
      const idle = idleMs !== undefined ? new StreamIdleTimer(idleMs) : undefined;
      const parents = [this.shutdown.signal, sse.clientGone];
      if (idle) parents.push(idle.signal);
      const deadline = new CallDeadline(timeoutMs, parents, () => requestTimedOut(timeoutMs));
      sse.cancel = deadline.signal;
      const signals = {
        clientGone: sse.clientGone,
        deadline: deadline.signal,
        shutdown: this.shutdown.signal,
      };
      try {
        const attempted = await this.attempt(call, deployments, signals, tally, async (deployment) => {
          idle?.touch();
          return invocation.open(deployment, await translations(deployment), deadline.signal);
        });
        return { attempted, deadline, idle, signals };
      } catch (error) {
        deadline.dispose();
        idle?.dispose();
        throw error;
      }
    });
    const { attempted, deadline, idle, signals } = served.result;
    try {
      const relay = invocation.relay(
        attempted.result,
        await translations(attempted.deployment),
        attempted.deployment,
      );
      sse.start({ ...admission.headers, ...relay.headers, ...fallbackHeaders(served.attemptedFallbacks) });
      return await relayStream(call, relay, sse, signals, this.logger, idle?.touch);
    } finally {
      deadline.dispose();
      idle?.dispose();
    }
  }

  /** Model-level fallbacks around the calls; the error that ends them says whether the client should retry. */
  private async withFallbacks<T>(
    ordered: readonly ResolvedDeployment[],
    route: () => FallbackRoute,
    tally: { attempts: number },
    callModel: (deployments: readonly ResolvedDeployment[]) => Promise<T>,
  ): Promise<Served<T>> {
    try {
      return await callWithModelFallbacks(ordered, route, callModel);
    } catch (error) {
      throw adviseOnClientRetry(toInvocationError(error), tally.attempts);
    }
  }

  /**
   * Calls Bedrock with retries and moves to the model's next deployment in the router's order (all
   * before the client's first byte), keeping the metering record on the deployment tried; a failure is
   * mapped once.
   */
  private async attempt<T>(
    call: MeteredCall,
    ordered: readonly ResolvedDeployment[],
    signals: CallSignals & { deadline: AbortSignal },
    tally: { attempts: number },
    send: (deployment: ResolvedDeployment) => Promise<T>,
  ): Promise<Attempted<T>> {
    try {
      const attempted = await callWithFallbacks(ordered, this.router, signals.deadline, (deployment) => {
        tally.attempts++;
        call.deployment = deployment;
        return send(deployment);
      });
      call.deployment = attempted.deployment;
      return attempted;
    } catch (error) {
      throw toInvocationError(error, signals);
    }
  }

  /** A 500 is a gateway defect (not Bedrock's answer): logged with its stack, as the error filter does. */
  private logUnexpected(call: MeteredCall, error: unknown): void {
    this.logger.error(
      {
        reqId: call.requestId,
        err: {
          message: redactKeysAndCredentials(String((error as Error)?.message)),
          stack: redactKeysAndCredentials(String((error as Error)?.stack)),
        },
      },
      'unexpected error in a model call',
    );
  }

  private book(call: MeteredCall, outcome: CallOutcome): void {
    this.spend.record(call.toSpendRecord(outcome.status, outcome.httpStatus, outcome.errorType));
  }
}

/** The deployments of the model that this surface serves; none is a 400 that names the right endpoint. */
function servedBy(invocation: Invocation, candidates: ResolvedDeployment[]): ResolvedDeployment[] {
  const served = candidates.filter((candidate) => invocation.modes.includes(candidate.mode));
  if (served.length > 0) return served;
  const mode = candidates[0].mode;
  throw OpenAIError.badRequest(
    `Model "${invocation.model}" is a${/^[aeiou]/.test(mode) ? 'n' : ''} ${mode.replace('_', ' ')} model; call ${endpointsFor(mode).join(' or ')} for it`,
    'model',
    'wrong_endpoint',
  );
}

/** Each deployment's translation, made once per call (images are fetched once, not per fallback). */
function translationsOf(invocation: Invocation): Translations {
  const made = new Map<ResolvedDeployment, Promise<unknown>>();
  return (deployment) => {
    let translation = made.get(deployment);
    if (!translation) {
      translation = invocation.translate(deployment);
      made.set(deployment, translation);
    }
    return translation;
  };
}

/** The deployment's timeout, or the request's `timeout` when shorter (a client may not extend it). */
function requestTimeoutOf(deployment: ResolvedDeployment, reliability: RequestReliability): number {
  return reliability.timeoutMs !== undefined
    ? Math.min(deployment.timeoutMs, reliability.timeoutMs)
    : deployment.timeoutMs;
}

function failureOutcome(error: OpenAIError): CallOutcome {
  return { status: spendStatusOf(error), httpStatus: error.status, errorType: error.code ?? error.type };
}
