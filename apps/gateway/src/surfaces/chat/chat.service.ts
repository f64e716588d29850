// POST /v1/chat/completions: parse → translate per deployment (Converse, InvokeModel or an agent:
// chat-invocation.ts) → the shared pipeline → translate back. Everything else (access, limits, retries,
// fallbacks, deadline, spend, errors, the reply) is the pipeline's.
import { Inject, Injectable } from '@nestjs/common';
import { BatchFilesRepository } from '@quarry/db';
import { parseChatCompletionRequest } from '@quarry/openai';
import { InvocationPipeline } from '../../invocation/invocation-pipeline';
import type { ClientReply } from '../../invocation/reply/client-reply';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import type { Principal } from '../../tenancy/auth/principal';
import { RegisteredResourceAccess } from '../../tenancy/access/registered-resource-access';
import { AgentChat } from './agents/agent-chat';
import { StreamChatInvocation, UnaryChatInvocation, type ChatServices } from './chat-invocation';
import type { ChatRequestExtras } from './chat-translation';
import { checkRequestedGuardrail } from './requested-guardrail';

@Injectable()
export class ChatService {
  private readonly services: ChatServices;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly pipeline: InvocationPipeline,
    agents: AgentChat,
    private readonly resources: RegisteredResourceAccess,
    files: BatchFilesRepository,
  ) {
    this.services = { settings: { modifyParams: config.settings.modifyParams }, files, agents };
  }

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
      return chatRequest.stream === true
        ? new StreamChatInvocation(chatRequest, principal, extras, this.services)
        : new UnaryChatInvocation(chatRequest, principal, extras, this.services);
    });
  }
}
