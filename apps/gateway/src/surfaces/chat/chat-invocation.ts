// One chat request's invocation, as the pipeline runs it. Converse and InvokeModel deployments are served
// here (each translation says which API it is for: chat-calls.ts); a deployment on a Bedrock agent by the
// agent invocation (agents/agent-chat.ts), made the first time a deployment needs it. The pipeline hands
// every step the deployment its translation was made for, so each step finds the same route again from
// the deployment alone. Classes rather than closures: the methods are shared, so a chat call allocates
// one object here, not a dozen closures that would all live as long as the call.
import type { ConverseResponseMeta, ConverseStreamMeta, TranslationContext } from '@quarry/bedrock';
import type { BatchFilesRepository } from '@quarry/db';
import type { ChatCompletionRequest } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import type { Invocation, StreamInvocation, StreamRelay, UnaryInvocation } from '../../invocation/invocation';
import type { Principal } from '../../tenancy/auth/principal';
import type { ModelMode } from '../../tenancy/models/model-mode';
import type { AgentChat } from './agents/agent-chat';
import {
  completionOf,
  contextOf,
  openChatStream,
  sendChat,
  type ChatOutput,
  type ChatTranslation,
} from './chat-calls';
import { inputFilesOnce } from './chat-input-files';
import { chatRouteOf } from './chat-route';
import { ChatStreamRelay } from './chat-stream-relay';
import {
  fetchOncePerUrl,
  translateChat,
  translateInvokeChat,
  type ChatFetchers,
  type ChatRequestExtras,
  type ChatSettings,
} from './chat-translation';
import { completionId } from './completion-id';

/** Agents and legacy completion models answer chat completions too. */
export const CHAT_MODES: readonly ModelMode[] = ['chat', 'completion', 'agent'];

/** What the chat service lends every call. */
export interface ChatServices {
  settings: ChatSettings;
  files: BatchFilesRepository;
  agents: AgentChat;
}

abstract class ChatInvocation {
  readonly model: string;
  readonly modes = CHAT_MODES;
  private agent: Invocation | undefined;
  private fetchers: ChatFetchers | undefined;

  constructor(
    protected readonly chatRequest: ChatCompletionRequest,
    private readonly principal: Principal,
    private readonly extras: ChatRequestExtras,
    private readonly services: ChatServices,
  ) {
    this.model = chatRequest.model;
  }

  translate(deployment: ResolvedDeployment): Promise<unknown> {
    return deployment.route.kind === 'agent'
      ? this.agentInvocation().translate(deployment)
      : this.translateForModel(deployment);
  }

  protected agentInvocation(): Invocation {
    return (this.agent ??= this.services.agents.invocationFor(this.chatRequest, CHAT_MODES, this.principal));
  }

  private async translateForModel(deployment: ResolvedDeployment): Promise<ChatTranslation> {
    // Images and stored files are fetched once per request, however many deployments it is translated for.
    const fetchers = (this.fetchers ??= {
      fetchImage: fetchOncePerUrl(),
      fetchFiles: inputFilesOnce(this.services.files, this.principal),
    });
    const { chatRequest, services } = this;
    return chatRouteOf(deployment, chatRequest.model) === 'invoke'
      ? {
          route: 'invoke',
          request: await translateInvokeChat(
            chatRequest,
            deployment,
            services.settings,
            fetchers,
            this.extras,
          ),
        }
      : {
          route: 'converse',
          request: await translateChat(chatRequest, deployment, services.settings, fetchers),
        };
  }
}

export class UnaryChatInvocation extends ChatInvocation implements UnaryInvocation<unknown, unknown> {
  readonly kind = 'unary';

  send(deployment: ResolvedDeployment, translated: unknown, signal: AbortSignal): Promise<unknown> {
    return deployment.route.kind === 'agent'
      ? asUnary(this.agentInvocation()).send(deployment, translated, signal)
      : sendChat(deployment, translated as ChatTranslation, signal);
  }

  respond(output: unknown, translated: unknown, deployment: ResolvedDeployment) {
    if (deployment.route.kind === 'agent')
      return asUnary(this.agentInvocation()).respond(output, translated, deployment);
    const translation = translated as ChatTranslation;
    const meta = responseMeta(this.chatRequest, deployment, contextOf(translation));
    const { completion, usage } = completionOf(output as ChatOutput, translation, meta);
    return { body: completion, usage };
  }
}

export class StreamChatInvocation extends ChatInvocation implements StreamInvocation<unknown, unknown> {
  readonly kind = 'stream';

  open(deployment: ResolvedDeployment, translated: unknown, signal: AbortSignal): Promise<unknown> {
    return deployment.route.kind === 'agent'
      ? asStream(this.agentInvocation()).open(deployment, translated, signal)
      : openChatStream(deployment, translated as ChatTranslation, signal);
  }

  relay(opened: unknown, translated: unknown, deployment: ResolvedDeployment): StreamRelay {
    if (deployment.route.kind === 'agent')
      return asStream(this.agentInvocation()).relay(opened, translated, deployment);
    const translation = translated as ChatTranslation;
    const meta = streamMeta(this.chatRequest, deployment, contextOf(translation));
    return new ChatStreamRelay(opened as ChatEvents, translation, meta);
  }
}

type ChatEvents = Awaited<ReturnType<typeof openChatStream>>;

// Each literal is written out in full: on Node 20, `{ ...base, more }` builds a new hidden class per call
// (bench/README.md, finding 7).
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

function asStream(route: Invocation): StreamInvocation<unknown, unknown> {
  if (route.kind !== 'stream') throw new Error('an agent built a unary invocation for a stream');
  return route;
}

function asUnary(route: Invocation): UnaryInvocation<unknown, unknown> {
  if (route.kind !== 'unary') throw new Error('an agent built a stream invocation for a unary call');
  return route;
}
