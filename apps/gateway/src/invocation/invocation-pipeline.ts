// The one path every Bedrock call takes, whatever the surface: access → limits → cooldowns → route →
// translate → call (retries across the model's deployments, then model fallbacks, all before the first
// byte, each model under its own deadline) → translate back → reply → meter and book spend. Surfaces
// parse and translate; everything else lives here, once.
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { formatCost } from '@quarry/bedrock';
import { redactKeysAndCredentials } from '../platform/logging/log-redaction';
import { LOGGER } from '../platform/logging/logger.token';
import { ShutdownSignal } from '../platform/shutdown/shutdown-signal';
import type { Principal } from '../tenancy/auth/principal';
import { ModelAccessService } from '../tenancy/access/model-access.service';
import { SpendWriter } from '../spend/spend-writer.service';
import { CallDeadline } from './attempts/call-deadline';
import { DeploymentAttempts, type AttemptTally, type ModelTurn } from './attempts/deployment-attempts';
import { requestedRetries } from './attempts/requested-retries';
import {
  requestTimeoutOf,
  routeRequestOf,
  servedBy,
  timeoutSetByClient,
  translationsOf,
  type Translations,
} from './call-plan';
import { DeploymentCooldowns } from './cooldowns/deployment-cooldowns';
import { DeploymentResolver } from './deployments/deployment-resolver';
import type { ResolvedDeployment } from './deployments/resolved-deployment';
import { adviseOnClientRetry, toInvocationError } from './errors/invocation-error';
import { FallbackPlanner } from './fallbacks/fallback-planner';
import { fallbackHeaders } from './fallbacks/fallback-headers';
import { callWithModelFallbacks, type FallbackRoute, type Served } from './fallbacks/model-fallbacks';
import { takeRequestReliability, type RequestReliability } from './fallbacks/request-reliability';
import type { Invocation, StreamInvocation, UnaryAnswer, UnaryInvocation } from './invocation';
import { InvocationLimits, type Admission } from './limits/invocation-limits';
import { failureOutcome, SUCCESS_OUTCOME, type CallOutcome } from './metering/call-outcome';
import { MeteredCall, requestedModelOf, type CallType } from './metering/metered-call';
import { RESPONSE_COST_HEADER } from './metering/response-cost-header';
import type { ClientReply } from './reply/client-reply';
import { servedByHeaders } from './reply/served-by-headers';
import { DeploymentRouter } from './routing/deployment-router';
import { StreamIdleTimer } from './timeouts/stream-idle-timer';
import { requestTimedOut } from './timeouts/timeout-errors';
import { relayStream } from './stream-relay';

/** What the unary and stream paths share about one call. */
interface CallState {
  call: MeteredCall;
  /** The requested model's turn; no deployments when all of them are cooling down (`cooling` says so). */
  primary: ModelTurn;
  cooling: unknown;
  translations: Translations;
  reliability: RequestReliability;
  admission: Admission;
  route: () => FallbackRoute<ModelTurn>;
}

@Injectable()
export class InvocationPipeline {
  constructor(
    private readonly access: ModelAccessService,
    private readonly deployments: DeploymentResolver,
    private readonly router: DeploymentRouter,
    private readonly cooldowns: DeploymentCooldowns,
    private readonly attempts: DeploymentAttempts,
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
      const retries = requestedRetries(body);
      const invocation = build(call);
      const candidates = servedBy(
        invocation,
        this.deployments.resolveAll(this.access.resolve(principal, invocation.model)),
      );
      // When every deployment is cooling down, the model's fallbacks may still answer.
      let healthy: readonly ResolvedDeployment[] = [];
      let cooling: unknown;
      try {
        healthy = this.cooldowns.available(invocation.model, candidates);
      } catch (error) {
        cooling = error;
      }
      const route = routeRequestOf(invocation);
      const admitted = this.limits.admit(call, { body, deployments: this.router.order(healthy, route) });
      // Most calls are admitted at once (no limits apply): no await, no extra turn of the event loop.
      admission = admitted instanceof Promise ? await admitted : admitted;
      const deployments = admission.deployments;
      const translations = translationsOf(invocation);
      if (deployments.length > 0) await translations(deployments[0]);
      const state: CallState = {
        call,
        primary: { deployments, modelDeployments: candidates.length, retries, route },
        cooling,
        translations,
        reliability,
        admission,
        route: () => this.fallbacks.routeFor(principal, invocation, translations, reliability, retries),
      };
      const outcome =
        invocation.kind === 'stream'
          ? await this.stream(state, invocation, reply)
          : await this.unary(state, invocation, reply);
      this.book(call, outcome);
    } catch (error) {
      const openAIError = toInvocationError(error);
      if (openAIError.status === 500) this.logUnexpected(call, error);
      this.book(call, failureOutcome(openAIError));
      throw openAIError;
    } finally {
      admission?.settle(call.usage, call.cost);
      // Strategies that count calls in flight or tokens hear when the call they routed is over.
      if (call.served) this.router.observe(call.deployment!, { kind: 'done', tokens: call.totalTokens });
    }
  }

  private async unary(
    state: CallState,
    invocation: UnaryInvocation<unknown, unknown>,
    reply: ClientReply,
  ): Promise<CallOutcome> {
    const { call, translations, admission } = state;
    const tally = { attempts: 0 };
    // A client that hangs up aborts the model turn under way (its deadline), so retries, backoff waits
    // and fallbacks stop calling Bedrock for nobody.
    let current: CallDeadline | undefined;
    const clientGone = reply.watchDisconnect((reason) => current?.abort(reason));
    let served: Served<{ deployment: ResolvedDeployment; retries: number; answer: UnaryAnswer }>;
    try {
      served = await this.withFallbacks(state, tally, async (turn) => {
        const timeoutMs = requestTimeoutOf(turn.deployments[0], state.reliability);
        const byClient = timeoutSetByClient(turn.deployments[0], state.reliability);
        const deadline = new CallDeadline(timeoutMs, NO_PARENTS, () => requestTimedOut(timeoutMs, byClient));
        current = deadline;
        if (clientGone.aborted) deadline.abort(clientGone.reason);
        const signals = { clientGone, deadline: deadline.signal };
        try {
          const attempted = await this.attempts.run(call, turn, signals, tally, (deployment) => {
            // The first deployment's translation was made before the call: no await for it.
            const translation = translations.ready(deployment);
            return translation !== undefined
              ? invocation.send(deployment, translation, deadline.signal)
              : translations(deployment).then((made) => invocation.send(deployment, made, deadline.signal));
          });
          // Inside the model's turn: a refusal found in the answer (an image filter) falls back too.
          const { deployment, result, retries } = attempted;
          const answer = invocation.respond(result, translations.ready(deployment), deployment);
          return { deployment, retries, answer };
        } catch (error) {
          this.attempts.release(call);
          throw toInvocationError(error, signals);
        } finally {
          deadline.dispose();
        }
      });
    } finally {
      // The response may outlive the call: its watcher lets go of the call's state once the turns are over.
      clientGone.stop();
    }
    const { deployment, retries, answer } = served.result;
    call.deployment = deployment;
    call.markFirstToken();
    call.usage = answer.usage;
    call.reportedCost = answer.cost;
    const headers = Object.assign(
      {},
      admission.headers,
      answer.headers,
      servedByHeaders(deployment, retries),
      fallbackHeaders(served.attemptedFallbacks),
    );
    headers[RESPONSE_COST_HEADER] = formatCost(call.cost);
    // Settled before the answer goes out: the client's next call may reach another instance at once, and
    // must find this call's parallel slot free there.
    admission.settle(call.usage, call.cost);
    reply.sendJson(answer.body, headers);
    return SUCCESS_OUTCOME;
  }

  private async stream(
    state: CallState,
    invocation: StreamInvocation<unknown, unknown>,
    reply: ClientReply,
  ): Promise<CallOutcome> {
    const { call, translations, admission } = state;
    const sse = reply.openStream();
    const tally = { attempts: 0 };
    const served = await this.withFallbacks(state, tally, async (turn) => {
      const first = turn.deployments[0];
      const timeoutMs = requestTimeoutOf(first, state.reliability);
      const idle =
        first.streamTimeoutMs !== undefined ? new StreamIdleTimer(first.streamTimeoutMs) : undefined;
      const parents = [this.shutdown.signal, sse.clientGone];
      if (idle) parents.push(idle.signal);
      const byClient = timeoutSetByClient(first, state.reliability);
      const deadline = new CallDeadline(timeoutMs, parents, () => requestTimedOut(timeoutMs, byClient));
      sse.cancel = deadline.signal;
      const signals = {
        clientGone: sse.clientGone,
        deadline: deadline.signal,
        shutdown: this.shutdown.signal,
      };
      try {
        const attempted = await this.attempts.run(call, turn, signals, tally, async (deployment) => {
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
      sse.start(
        Object.assign(
          {},
          admission.headers,
          relay.headers,
          servedByHeaders(attempted.deployment, attempted.retries),
          fallbackHeaders(served.attemptedFallbacks),
        ),
      );
      return await relayStream(call, relay, sse, signals, this.logger, idle?.touch);
    } finally {
      deadline.dispose();
      idle?.dispose();
    }
  }

  /**
   * The requested model's turn, then its fallbacks (fallbacks/model-fallbacks.ts); the error that ends
   * them says whether the client should retry what the gateway already retried.
   */
  private withFallbacks<T>(
    state: CallState,
    tally: AttemptTally,
    callModel: (turn: ModelTurn) => Promise<T>,
  ): Promise<Served<T>> {
    // A promise chain, not an async method: one frame fewer on every call.
    return callWithModelFallbacks<T, ModelTurn>(state.primary, state.route, (turn) =>
      turn.deployments.length > 0 ? callModel(turn) : Promise.reject(toInvocationError(state.cooling)),
    ).then(
      (served) => {
        // A fallback model's spend counts against its own model_max_budget.
        state.call.fallbackModel = served.fallbackModel;
        return served;
      },
      (error: unknown) => {
        throw adviseOnClientRetry(toInvocationError(error), tally.attempts);
      },
    );
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

const NO_PARENTS: AbortSignal[] = [];
