// The one path every Bedrock call takes, whatever the surface: access → limits → route → translate →
// call (retries and fallbacks before the first byte, under one deadline) → translate back → reply →
// meter and book spend. Surfaces parse and translate; everything else lives here, once.
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { formatCost, type TokenUsage } from '@quarry/bedrock';
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
import type { Invocation, StreamInvocation, UnaryInvocation } from './invocation';
import { InvocationLimits, type Admission } from './limits/invocation-limits';
import type { CallOutcome } from './metering/call-outcome';
import { MeteredCall, requestedModelOf, type CallType } from './metering/metered-call';
import { RESPONSE_COST_HEADER } from './metering/response-cost-header';
import type { ClientReply } from './reply/client-reply';
import { DeploymentRouter, UNARY_ROUTE, type RouteRequest } from './routing/deployment-router';
import { relayStream } from './stream-relay';

type Translations = (deployment: ResolvedDeployment) => Promise<unknown>;

const STREAM_ROUTE: RouteRequest = Object.freeze({ stream: true });

@Injectable()
export class InvocationPipeline {
  constructor(
    private readonly access: ModelAccessService,
    private readonly deployments: DeploymentResolver,
    private readonly router: DeploymentRouter,
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
      const invocation = build(call);
      const candidates = servedBy(
        invocation,
        this.deployments.resolveAll(this.access.resolve(principal, invocation.model)),
      );
      const route = invocation.kind === 'stream' ? STREAM_ROUTE : UNARY_ROUTE;
      admission = await this.limits.admit(call, { body, deployments: this.router.order(candidates, route) });
      const ordered = [...admission.deployments];
      const translations = translationsOf(invocation);
      await translations(ordered[0]);
      const outcome =
        invocation.kind === 'stream'
          ? await this.stream(call, invocation, ordered, translations, reply, admission)
          : await this.unary(call, invocation, ordered, translations, reply, admission);
      this.book(call, outcome);
    } catch (error) {
      const openAIError = toInvocationError(error);
      if (openAIError.status === 500) this.logUnexpected(call, error);
      this.book(call, failureOutcome(openAIError));
      throw openAIError;
    } finally {
      admission?.settle(call.usage, call.cost);
      if (call.served)
        this.router.observe(call.deployment!, { kind: 'done', tokens: totalTokens(call.usage) });
    }
  }

  private async unary(
    call: MeteredCall,
    invocation: UnaryInvocation<unknown, unknown>,
    ordered: ResolvedDeployment[],
    translations: Translations,
    reply: ClientReply,
    admission: Admission,
  ): Promise<CallOutcome> {
    const deadline = new CallDeadline(ordered[0].timeoutMs);
    const signals = { deadline: deadline.signal };
    const attempted = await this.attempt(call, ordered, signals, UNARY_ROUTE, async (deployment) =>
      invocation.send(deployment, await translations(deployment), deadline.signal),
    ).finally(() => deadline.dispose());
    call.markFirstToken();
    const { body, usage, cost, headers } = invocation.respond(
      attempted.result,
      await translations(attempted.deployment),
      attempted.deployment,
    );
    call.usage = usage;
    call.reportedCost = cost;
    reply.sendJson(body, {
      ...admission.headers,
      ...headers,
      [RESPONSE_COST_HEADER]: formatCost(call.cost),
    });
    return { status: 'success', httpStatus: 200 };
  }

  private async stream(
    call: MeteredCall,
    invocation: StreamInvocation<unknown, unknown>,
    ordered: ResolvedDeployment[],
    translations: Translations,
    reply: ClientReply,
    admission: Admission,
  ): Promise<CallOutcome> {
    const sse = reply.openStream();
    const deadline = new CallDeadline(ordered[0].timeoutMs, [this.shutdown.signal, sse.clientGone]);
    sse.cancel = deadline.signal;
    const signals = {
      clientGone: sse.clientGone,
      deadline: deadline.signal,
      shutdown: this.shutdown.signal,
    };
    try {
      const attempted = await this.attempt(call, ordered, signals, STREAM_ROUTE, async (deployment) =>
        invocation.open(deployment, await translations(deployment), deadline.signal),
      );
      const relay = invocation.relay(
        attempted.result,
        await translations(attempted.deployment),
        attempted.deployment,
      );
      sse.start(relay.headers ? { ...admission.headers, ...relay.headers } : admission.headers);
      return await relayStream(call, relay, sse, signals, this.logger);
    } finally {
      deadline.dispose();
    }
  }

  /**
   * Calls Bedrock with retries and fallbacks in the router's order (all before the client's first byte),
   * keeping the metering record on the deployment tried; a failure is mapped once, and says whether the
   * client should retry what the gateway already retried.
   */
  private async attempt<T>(
    call: MeteredCall,
    ordered: ResolvedDeployment[],
    signals: CallSignals & { deadline: AbortSignal },
    route: RouteRequest,
    send: (deployment: ResolvedDeployment) => Promise<T>,
  ): Promise<Attempted<T>> {
    let attempts = 0;
    try {
      const attempted = await callWithFallbacks(
        ordered,
        this.router,
        signals.deadline,
        (deployment) => {
          attempts++;
          call.deployment = deployment;
          return send(deployment);
        },
        undefined,
        route,
      );
      call.deployment = attempted.deployment;
      call.served = true;
      return attempted;
    } catch (error) {
      throw adviseOnClientRetry(toInvocationError(error, signals), attempts);
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

function totalTokens(usage: TokenUsage | undefined): number {
  return usage ? usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens : 0;
}

function failureOutcome(error: OpenAIError): CallOutcome {
  return { status: spendStatusOf(error), httpStatus: error.status, errorType: error.code ?? error.type };
}
