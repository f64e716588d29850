// POST /v1/chat/completions: parse → translate per deployment (Converse or InvokeModel, chat-route.ts)
// → the shared pipeline → translate back. Everything else (access, limits, retries, fallbacks, deadline,
// spend, errors, the reply) is the pipeline's.
import { Inject, Injectable } from '@nestjs/common';
import { BatchFilesRepository } from '@quarry/db';
import type { ConverseResponseMeta, ConverseStreamMeta, TranslationContext } from '@quarry/bedrock';
import { parseChatCompletionRequest, type ChatCompletionRequest } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import type { Invocation } from '../../invocation/invocation';
import { InvocationPipeline } from '../../invocation/invocation-pipeline';
import type { ClientReply } from '../../invocation/reply/client-reply';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import type { Principal } from '../../tenancy/auth/principal';
import { RegisteredResourceAccess } from '../../tenancy/access/registered-resource-access';
import type { ModelMode } from '../../tenancy/models/model-mode';
import { AgentChat } from './agents/agent-chat';
import { completionOf, contextOf, openChatStream, sendChat, type ChatTranslation } from './chat-calls';
import { chatRouteOf, routedChatInvocation } from './chat-route';
import {
  fetchOncePerUrl,
  translateChat,
  translateInvokeChat,
  type ChatRequestExtras,
} from './chat-translation';
import { inputFilesOnce } from './chat-input-files';
import { ChatStreamRelay } from './chat-stream-relay';
import { completionId } from './completion-id';
import { checkRequestedGuardrail } from './requested-guardrail';

/** Agents and legacy completion models answer chat completions too. */
const CHAT_MODES: readonly ModelMode[] = ['chat', 'completion', 'agent'];

@Injectable()
export class ChatService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pipeline: InvocationPipeline,
    private readonly agents: AgentChat,
    private readonly resources: RegisteredResourceAccess,
    private readonly files: BatchFilesRepository,
  ) {}

  complete(
    principal: Principal,
    body: unknown,
    reply: ClientReply,
    extras: ChatRequestExtras = {},
  ): Promise<void> {
    return this.pipeline.run(principal, reply, 'chat', body, (call) => {
      const chatRequest = parseChatCompletionRequest(body);
      call.endUser = chatRequest.user ?? undefined;
      checkRequestedGuardrail(this.resources, principal, chatRequest.guardrailConfig);
      return routedChatInvocation(chatRequest.model, CHAT_MODES, chatRequest.stream === true, {
        converse: () => this.converseOrInvokeInvocation(chatRequest, principal, extras),
        agent: () => this.agents.invocationFor(chatRequest, CHAT_MODES, principal),
      });
    });
  }

  /** Converse and InvokeModel deployments: one invocation whose translations say which API they are for. */
  private converseOrInvokeInvocation(
    chatRequest: ChatCompletionRequest,
    principal: Principal,
    extras: ChatRequestExtras,
  ): Invocation {
    // Images and stored files are fetched once per request, however many deployments it is translated for.
    const fetchers = { fetchImage: fetchOncePerUrl(), fetchFiles: inputFilesOnce(this.files, principal) };
    const settings = { modifyParams: this.config.settings.modifyParams };
    const translate = async (deployment: ResolvedDeployment): Promise<ChatTranslation> =>
      chatRouteOf(deployment, chatRequest.model) === 'invoke'
        ? {
            route: 'invoke',
            request: await translateInvokeChat(chatRequest, deployment, settings, fetchers, extras),
          }
        : {
            route: 'converse',
            request: await translateChat(chatRequest, deployment, settings, fetchers),
          };
    // Each literal is written out in full: on Node 20, `{ ...base, more }` builds a new hidden class
    // per call (bench/README.md, finding 7).
    if (chatRequest.stream) {
      return {
        kind: 'stream',
        model: chatRequest.model,
        modes: CHAT_MODES,
        translate,
        open: (deployment, translation: ChatTranslation, signal) =>
          openChatStream(deployment, translation, signal),
        relay: (events, translation: ChatTranslation, deployment) =>
          new ChatStreamRelay(
            events,
            translation,
            streamMeta(chatRequest, deployment, contextOf(translation)),
          ),
      };
    }
    return {
      kind: 'unary',
      model: chatRequest.model,
      modes: CHAT_MODES,
      translate,
      send: (deployment, translation: ChatTranslation, signal) => sendChat(deployment, translation, signal),
      respond: (output, translation: ChatTranslation, deployment) => {
        const { completion, usage } = completionOf(
          output,
          translation,
          responseMeta(chatRequest, deployment, contextOf(translation)),
        );
        return { body: completion, usage };
      },
    };
  }
}

function responseMeta(
  chatRequest: ChatCompletionRequest,
  deployment: ResolvedDeployment,
  context: TranslationContext,
): ConverseResponseMeta {
  return {
    id: completionId(),
    created: Math.floor(Date.now() / 1000),
    model: chatRequest.model,
    price: deployment.price,
    context,
  };
}

function streamMeta(
  chatRequest: ChatCompletionRequest,
  deployment: ResolvedDeployment,
  context: TranslationContext,
): ConverseStreamMeta {
  return {
    id: completionId(),
    created: Math.floor(Date.now() / 1000),
    model: chatRequest.model,
    price: deployment.price,
    context,
    includeUsage: chatRequest.stream_options?.include_usage === true,
  };
}
