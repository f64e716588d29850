// Chat completions on a Bedrock agent (`bedrock/agent/<agentId>/<aliasId>`): the request becomes one
// InvokeAgent turn in the agent's session; the answer comes back as a chat completion, or as chunks
// while the agent writes it. The session id goes back in a header and in the body, so the client can
// continue the conversation.
import { Injectable } from '@nestjs/common';
import type { InvokeAgentCommandOutput } from '@aws-sdk/client-bedrock-agent-runtime';
import {
  agentSessionScope,
  collectAgentAnswer,
  fromAgentAnswer,
  invokeAgent,
  openAgentStream,
  toInvokeAgentInput,
  type AgentAnswer,
  type AgentRequest,
  type OpenedAgentStream,
} from '@quarry/bedrock';
import { OpenAIError, type ChatCompletionRequest } from '@quarry/openai';
import type { ResolvedDeployment } from '../../../invocation/deployments/resolved-deployment';
import type { StreamInvocation, UnaryInvocation } from '../../../invocation/invocation';
import type { Principal } from '../../../tenancy/auth/principal';
import type { ModelMode } from '../../../tenancy/models/model-mode';
import { completionId } from '../completion-id';
import { AgentDeployments } from './agent-deployments';
import { AgentStreamRelay } from './agent-stream-relay';
import { AGENT_SESSION_HEADER } from './agent-session-header';

type AgentInvocation =
  UnaryInvocation<AgentRequest, AgentAnswer> | StreamInvocation<AgentRequest, OpenedAgentStream>;

@Injectable()
export class AgentChat {
  private readonly scopes = new WeakMap<Principal, string>();

  constructor(private readonly agents: AgentDeployments) {}

  invocationFor(
    chatRequest: ChatCompletionRequest,
    modes: readonly ModelMode[],
    principal: Principal,
  ): AgentInvocation {
    const sessionScope = this.sessionScopeOf(principal);
    const translate = async (deployment: ResolvedDeployment) =>
      translateForAgent(chatRequest, deployment, sessionScope);
    // Each literal is written out in full: on Node 20, `{ ...base, more }` builds a new hidden class per
    // call (bench/README.md, finding 7).
    if (chatRequest.stream === true) {
      return {
        kind: 'stream',
        model: chatRequest.model,
        modes,
        translate,
        open: (deployment, request, signal) =>
          openAgentStream(this.agents.of(deployment).client, request.input, signal),
        relay: (opened, request, deployment) =>
          new AgentStreamRelay(
            opened,
            request.input,
            this.replyMeta(
              chatRequest,
              request,
              deployment,
              chatRequest.stream_options?.include_usage === true,
            ),
          ),
      };
    }
    return {
      kind: 'unary',
      model: chatRequest.model,
      modes,
      translate,
      send: async (deployment, request, signal) => {
        const output: InvokeAgentCommandOutput = await invokeAgent(
          this.agents.of(deployment).client,
          request.input,
          signal,
        );
        return collectAgentAnswer(output, request.sessionId, request.clientTrace);
      },
      respond: (answer, request, deployment) => {
        const { completion, usage, cost } = fromAgentAnswer(
          answer,
          this.replyMeta(chatRequest, request, deployment),
        );
        return { body: completion, usage, cost, headers: { [AGENT_SESSION_HEADER]: request.sessionId } };
      },
    };
  }

  /**
   * Sessions and memories belong to the caller's team (else its user, else its key): another tenant
   * naming the same session id reaches a different session. Worked out once per cached principal.
   */
  private sessionScopeOf(principal: Principal): string {
    let scope = this.scopes.get(principal);
    if (scope === undefined) {
      const tenant = principal.teamId
        ? `team:${principal.teamId}`
        : principal.userId
          ? `user:${principal.userId}`
          : principal.key
            ? `key:${principal.key.id}`
            : 'master';
      scope = agentSessionScope(tenant);
      this.scopes.set(principal, scope);
    }
    return scope;
  }

  private replyMeta(
    chatRequest: ChatCompletionRequest,
    request: AgentRequest,
    deployment: ResolvedDeployment,
    includeUsage = false,
  ) {
    return {
      id: completionId(),
      created: Math.floor(Date.now() / 1000),
      model: chatRequest.model,
      sessionId: request.sessionId,
      clientTrace: request.clientTrace,
      priceOf: this.agents.of(deployment).priceOf,
      includeUsage,
    };
  }
}

function translateForAgent(
  chatRequest: ChatCompletionRequest,
  deployment: ResolvedDeployment,
  sessionScope: string,
): AgentRequest {
  const { agentId, agentAliasId } = deployment.route;
  if (agentId === undefined || agentAliasId === undefined) {
    throw OpenAIError.badRequest(`Model "${chatRequest.model}" is not served by a Bedrock agent`, 'model');
  }
  return toInvokeAgentInput(chatRequest, {
    agentId,
    agentAliasId,
    deploymentParams: deployment.providerParams,
    dropParams: chatRequest.drop_params === true || deployment.dropParams,
    sessionScope,
  });
}
