// POST /v1/messages: parse → per deployment, Claude's native body on InvokeModel or Converse for other
// families (messages-calls.ts) → the shared pipeline → the answer as Anthropic sends it. Access, limits,
// retries, fallbacks, the deadline, spend and the reply are the pipeline's; errors are rendered in
// Anthropic's dialect by the exception filter.
import { Injectable } from '@nestjs/common';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import type { Invocation } from '../../invocation/invocation';
import { InvocationPipeline } from '../../invocation/invocation-pipeline';
import type { ClientReply } from '../../invocation/reply/client-reply';
import type { Principal } from '../../tenancy/auth/principal';
import type { ModelMode } from '../../tenancy/models/model-mode';
import {
  messagesRelay,
  openMessagesStream,
  sendMessages,
  translateMessages,
  type MessagesTranslation,
  type OpenedMessages,
} from './messages-calls';
import { parseMessagesRequest, type MessagesRequest } from './messages-request';

const MESSAGES_MODES: readonly ModelMode[] = ['chat'];

@Injectable()
export class MessagesService {
  constructor(private readonly pipeline: InvocationPipeline) {}

  create(principal: Principal, body: unknown, reply: ClientReply, anthropicBeta: string[]): Promise<void> {
    return this.pipeline.run(principal, reply, 'anthropic_messages', body, (call) => {
      const request = parseMessagesRequest(body);
      call.endUser = request.endUser;
      return invocationFor(request, anthropicBeta);
    });
  }
}

// Each literal is written out in full: on Node 20, `{ ...base, more }` builds a new hidden class per
// call (bench/README.md, finding 7).
function invocationFor(request: MessagesRequest, anthropicBeta: string[]): Invocation {
  const translate = (deployment: ResolvedDeployment) =>
    Promise.resolve(translateMessages(request, deployment, anthropicBeta));
  if (request.stream)
    return {
      kind: 'stream',
      model: request.model,
      modes: MESSAGES_MODES,
      translate,
      open: (deployment, translation: MessagesTranslation, signal) =>
        openMessagesStream(deployment, translation, signal),
      relay: (opened: OpenedMessages, translation: MessagesTranslation) =>
        messagesRelay(opened, translation, request.model),
    };
  return {
    kind: 'unary',
    model: request.model,
    modes: MESSAGES_MODES,
    translate,
    send: (deployment, translation: MessagesTranslation, signal) =>
      sendMessages(deployment, translation, request.model, signal),
    respond: (output: Awaited<ReturnType<typeof sendMessages>>) => ({
      body: output.message,
      usage: output.usage,
    }),
  };
}
