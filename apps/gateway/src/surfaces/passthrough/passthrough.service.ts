// POST /bedrock/{path}: a native Bedrock request, relayed unchanged under the deployment's identity.
// key → operation (the normalised path, allow-listed) → access and route → limits → re-signed request
// → the answer relayed as it arrives → usage metered and booked like chat. The limits seam and the spend
// writer are the pipeline's own, so budgets and rate limits hold here as on every other surface; the
// request and answer are Bedrock's, so refusals take AWS's error shape instead of OpenAI's.
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import {
  defaultPassthroughEndpoint,
  forwardableHeaders,
  parsePassthroughPath,
  sendPassthrough,
  upstreamPathOf,
  type PassthroughOperation,
  type PassthroughUpstream,
} from '@quarry/bedrock';
import { OpenAIError } from '@quarry/openai';
import { storableText } from '@quarry/db';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { LOGGER } from '../../platform/logging/logger.token';
import { ShutdownSignal } from '../../platform/shutdown/shutdown-signal';
import { KeyAuthenticator } from '../../tenancy/auth/key-authenticator.service';
import type { Principal } from '../../tenancy/auth/principal';
import { SpendWriter } from '../../spend/spend-writer.service';
import { CallDeadline } from '../../invocation/attempts/call-deadline';
import { BedrockClients } from '../../invocation/deployments/bedrock-clients';
import { toInvocationError } from '../../invocation/errors/invocation-error';
import { InvocationLimits, type Admission } from '../../invocation/limits/invocation-limits';
import { failureOutcome, type CallOutcome } from '../../invocation/metering/call-outcome';
import { MeteredCall } from '../../invocation/metering/metered-call';
import { AwsError } from './aws-error';
import { guardrailsOfModelCall, resourcesInBody, type BodyResources } from './body-resources';
import { PassthroughAccess } from './passthrough-access';
import { passthroughKeyOf } from './passthrough-key';
import { relayAnswer } from './passthrough-relay';
import { checkPassthroughRoutes } from './passthrough-routes-allowance';
import type { PassthroughRoute } from './passthrough-route';
import { declaredLength, readWholeBody } from './request-body';

export const PASSTHROUGH_PREFIX = '/bedrock';
const BODY_NAMES_RESOURCES = new Set(['rerank', 'retrieve-and-generate', 'agent']);
/** Converse bodies may apply a guardrail (guardrailConfig), which the key must be allowed. */
const BODY_NAMES_GUARDRAIL = new Set(['converse', 'converse-stream']);

@Injectable()
export class PassthroughService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly authenticator: KeyAuthenticator,
    private readonly access: PassthroughAccess,
    private readonly limits: InvocationLimits,
    private readonly clients: BedrockClients,
    private readonly spend: SpendWriter,
    private readonly shutdown: ShutdownSignal,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    void reply.hijack();
    const response = reply.raw;
    const ownHeaders = reply.getHeaders() as Record<string, string>;
    const clientGone = new AbortController();
    response.once('close', () => {
      if (!response.writableFinished) clientGone.abort();
    });
    let call: MeteredCall | undefined;
    let refused: { principal: Principal; name: string } | undefined;
    let admission: Admission | undefined;
    let deadline: CallDeadline | undefined;
    try {
      const principal = await this.authenticate(request);
      const operation = operationOf(request);
      // These bodies name what access depends on (models, knowledge bases): read before deciding.
      const target = operation.target;
      const needsBody =
        BODY_NAMES_RESOURCES.has(target.kind) ||
        (target.kind === 'model' && BODY_NAMES_GUARDRAIL.has(target.action));
      let body = needsBody ? await readWholeBody(request.raw) : undefined;
      const resources =
        target.kind === 'model'
          ? guardrailsOfModelCall(request.headers, body)
          : body && resourcesInBody(body);
      refused = { principal, name: requestedName(operation, resources) };
      checkPassthroughRoutes(principal, PASSTHROUGH_PREFIX, operation.target);
      const route = this.access.routeFor(principal, operation.target, resources);
      call = new MeteredCall(request.id, principal, 'passthrough', meteredName(route.modelName));
      call.deployment = route.deployment;
      // The body is relayed as bytes, so token limits reserve nothing up front and are corrected with
      // the usage Bedrock reports.
      admission = await this.limits.admit(call, {
        body: undefined,
        deployments: route.deployment ? [route.deployment] : [],
      });
      const upstream = this.upstreamFor(operation, route);
      if (upstream.auth.kind === 'sigv4' || declaredLength(request.raw) === undefined)
        body ??= await readWholeBody(request.raw);
      deadline = new CallDeadline(route.deployment?.timeoutMs ?? this.config.settings.requestTimeoutMs, [
        this.shutdown.signal,
        clientGone.signal,
      ]);
      const signals = {
        clientGone: clientGone.signal,
        deadline: deadline.signal,
        shutdown: this.shutdown.signal,
      };
      const answer = await sendPassthrough(upstream, {
        path: upstreamPathOf(operation.target, route.upstreamModelId),
        headers: forwardableHeaders(request.headers),
        body: body ?? request.raw,
        contentLength: body ? body.byteLength : declaredLength(request.raw),
        signal: deadline.signal,
      }).catch((error: unknown) => {
        throw toInvocationError(error, signals);
      });
      const outcome = await relayAnswer(
        answer,
        response,
        operation,
        call,
        { ...ownHeaders, ...admission.headers },
        body,
      ).catch((error: unknown) => failureOutcome(toInvocationError(error, signals)));
      this.book(call, outcome);
    } catch (error) {
      const refusal = toAwsError(error, this.logger, request.id);
      // A refusal after authentication leaves its spend row too, as on every other surface.
      if (!call && refused)
        call = new MeteredCall(request.id, refused.principal, 'passthrough', meteredName(refused.name));
      if (call)
        this.book(call, {
          status: refusal.status === 499 ? 'aborted' : 'error',
          httpStatus: refusal.status,
          errorType: refusal.errorType,
        });
      if (!response.headersSent && !clientGone.signal.aborted) refusal.write(response, ownHeaders);
      else response.destroy();
    } finally {
      deadline?.dispose();
      admission?.settle(call?.usage, call?.cost ?? 0);
    }
  }

  private async authenticate(request: FastifyRequest): Promise<Principal> {
    return this.authenticator.authenticate(passthroughKeyOf(request.headers));
  }

  private upstreamFor(operation: PassthroughOperation, route: PassthroughRoute): PassthroughUpstream {
    const clientConfig = route.clientConfig;
    const runtime = operation.service === 'bedrock-runtime';
    const endpoint =
      (runtime ? clientConfig.endpoint : this.config.awsEndpoint) ??
      defaultPassthroughEndpoint(operation.service, clientConfig.region);
    if (!clientConfig.credentials && clientConfig.bearerToken) {
      if (!runtime)
        throw AwsError.validation(
          'This deployment authenticates with a Bedrock API key, which the agent runtime does not accept',
        );
      return {
        endpoint,
        region: clientConfig.region,
        auth: { kind: 'bearer', token: clientConfig.bearerToken },
      };
    }
    const client = runtime
      ? (route.deployment?.runtime ?? this.clients.runtime(clientConfig))
      : this.clients.agentRuntime(clientConfig);
    return {
      endpoint,
      region: clientConfig.region,
      auth: { kind: 'sigv4', credentials: client.config.credentials, sha256: client.config.sha256 },
    };
  }

  private book(call: MeteredCall, outcome: CallOutcome): void {
    this.spend.record(call.toSpendRecord(outcome.status, outcome.httpStatus, outcome.errorType));
  }
}

function operationOf(request: FastifyRequest): PassthroughOperation {
  const url = request.raw.url ?? '';
  const operation =
    request.method === 'POST' && url.startsWith(`${PASSTHROUGH_PREFIX}/`)
      ? parsePassthroughPath(url.slice(PASSTHROUGH_PREFIX.length))
      : undefined;
  if (!operation) throw AwsError.unknownOperation();
  return operation;
}

/** What the client named: the model, agent, guardrail or knowledge base in the path, or the body's model. */
function requestedName(operation: PassthroughOperation, resources: BodyResources | undefined): string {
  const target = operation.target;
  switch (target.kind) {
    case 'model':
      return target.modelId;
    case 'agent':
      return `agent/${target.agentId}/${target.agentAliasId}`;
    case 'guardrail':
      return `guardrail/${target.guardrailId}`;
    case 'knowledge-base':
      return `knowledgebase/${target.knowledgeBaseId}`;
    case 'rerank':
    case 'retrieve-and-generate':
      return resources?.modelArn ?? 'unknown';
    default:
      return unreachable(target);
  }
}

function meteredName(name: string): string {
  return storableText(name.slice(0, 256));
}

function unreachable(value: never): never {
  throw new Error(`unhandled passthrough target ${JSON.stringify(value)}`);
}

function toAwsError(error: unknown, logger: Logger, requestId: string): AwsError {
  if (error instanceof AwsError) return error;
  if (error instanceof OpenAIError) return AwsError.fromOpenAIError(error);
  logger.error({ reqId: requestId, err: (error as Error)?.message }, 'passthrough failed');
  return AwsError.fromOpenAIError(toInvocationError(error));
}
