// POST /v1/chat/completions on Converse: parse → translate per deployment → the shared pipeline →
// translate back. Everything else (access, limits, retries, fallbacks, deadline, spend, errors, the
// reply) is the pipeline's.
import { Inject, Injectable } from '@nestjs/common';
import { converse, converseStream, fromConverseResponse, type ConverseRequest } from '@quarry/bedrock';
import { parseChatCompletionRequest, type ChatCompletionRequest } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import type { Invocation } from '../../invocation/invocation';
import { InvocationPipeline } from '../../invocation/invocation-pipeline';
import type { ClientReply } from '../../invocation/reply/client-reply';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import type { Principal } from '../../tenancy/auth/principal';
import type { ModelMode } from '../../tenancy/models/model-mode';
import { AgentChat } from './agents/agent-chat';
import { routedChatInvocation } from './chat-route';
import { fetchOncePerUrl, translateChat } from './chat-translation';
import { ChatStreamRelay } from './chat-stream-relay';
import { completionId } from './completion-id';

/** Agents and legacy completion models answer chat completions too. */
const CHAT_MODES: readonly ModelMode[] = ['chat', 'completion', 'agent'];

@Injectable()
export class ChatService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pipeline: InvocationPipeline,
    private readonly agents: AgentChat,
  ) {}

  complete(principal: Principal, body: unknown, reply: ClientReply): Promise<void> {
    return this.pipeline.run(principal, reply, 'chat', body, (call) => {
      const chatRequest = parseChatCompletionRequest(body);
      call.endUser = chatRequest.user ?? undefined;
      return routedChatInvocation(chatRequest.model, CHAT_MODES, chatRequest.stream === true, {
        converse: () => this.converseInvocation(chatRequest),
        agent: () => this.agents.invocationFor(chatRequest, CHAT_MODES, principal),
      });
    });
  }

  private converseInvocation(chatRequest: ChatCompletionRequest): Invocation {
    // Images are fetched once per request, however many deployments the request is translated for.
    const fetchImage = fetchOncePerUrl();
    const settings = { modifyParams: this.config.settings.modifyParams };
    const base = {
      model: chatRequest.model,
      modes: CHAT_MODES,
      translate: (deployment: ResolvedDeployment) =>
        translateChat(chatRequest, deployment, settings, fetchImage),
    };
    if (chatRequest.stream) {
      return {
        ...base,
        kind: 'stream',
        open: (deployment, translated: ConverseRequest, signal) =>
          converseStream(deployment.runtime, translated.input, signal),
        relay: (opened, translated: ConverseRequest, deployment) =>
          new ChatStreamRelay(opened, translated.input, {
            ...responseMeta(chatRequest, deployment),
            context: translated.context,
            includeUsage: chatRequest.stream_options?.include_usage === true,
          }),
      };
    }
    return {
      ...base,
      kind: 'unary',
      send: (deployment, translated: ConverseRequest, signal) =>
        converse(deployment.runtime, translated.input, signal),
      respond: (output, translated: ConverseRequest, deployment) => {
        const { completion, usage } = fromConverseResponse(output, {
          ...responseMeta(chatRequest, deployment),
          context: translated.context,
        });
        return { body: completion, usage };
      },
    };
  }
}

function responseMeta(chatRequest: ChatCompletionRequest, deployment: ResolvedDeployment) {
  return {
    id: completionId(),
    created: Math.floor(Date.now() / 1000),
    model: chatRequest.model,
    price: deployment.price,
  };
}
