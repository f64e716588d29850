// POST /v1/messages: parse → per deployment, Claude's native body on InvokeModel (or Converse for other
// families, messages-converse.ts) → the shared pipeline → the answer as Anthropic sends it. Access,
// limits, retries, fallbacks, the deadline, spend and the reply are the pipeline's; errors are rendered
// in Anthropic's dialect by the exception filter.
import { Injectable } from '@nestjs/common';
import {
  AnthropicStreamReader,
  anthropicInvokeInput,
  invokeAnthropic,
  openAnthropicStream,
  toBedrockAnthropicBody,
  type AnthropicBody,
} from '@quarry/bedrock';
import type { InvokeModelCommandInput } from '@aws-sdk/client-bedrock-runtime';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import type { Invocation } from '../../invocation/invocation';
import { InvocationPipeline } from '../../invocation/invocation-pipeline';
import type { ClientReply } from '../../invocation/reply/client-reply';
import type { Principal } from '../../tenancy/auth/principal';
import type { ModelMode } from '../../tenancy/models/model-mode';
import { parseMessagesRequest, type MessagesRequest } from './messages-request';
import { messagesRouteOf } from './messages-route';
import { AnthropicStreamRelay } from './messages-stream-relay';
import { OpenAIError } from '@quarry/openai';

const MESSAGES_MODES: readonly ModelMode[] = ['chat'];

interface AnthropicTranslation {
  route: 'anthropic';
  body: AnthropicBody;
  input: InvokeModelCommandInput;
}

@Injectable()
export class MessagesService {
  constructor(private readonly pipeline: InvocationPipeline) {}

  create(principal: Principal, body: unknown, reply: ClientReply, anthropicBeta: string[]): Promise<void> {
    return this.pipeline.run(principal, reply, 'anthropic_messages', body, (call) => {
      const request = parseMessagesRequest(body);
      call.endUser = request.endUser;
      return this.invocationFor(request, anthropicBeta);
    });
  }

  private invocationFor(request: MessagesRequest, anthropicBeta: string[]): Invocation {
    const base = {
      model: request.model,
      modes: MESSAGES_MODES,
      translate: async (deployment: ResolvedDeployment): Promise<AnthropicTranslation> => {
        if (messagesRouteOf(deployment, request.model) !== 'anthropic')
          throw OpenAIError.badRequest(
            `Model "${request.model}" is not a Claude model; the Messages API serves only Claude (3 and later) deployments for now`,
            'model',
            'unsupported_model',
          );
        const bedrockBody = toBedrockAnthropicBody(request.body, anthropicBeta);
        return {
          route: 'anthropic',
          body: bedrockBody,
          input: anthropicInvokeInput(deployment.route.modelId, bedrockBody),
        };
      },
    };
    if (request.stream)
      return {
        ...base,
        kind: 'stream',
        open: (deployment, translation: AnthropicTranslation, signal) =>
          openAnthropicStream(deployment.runtime, translation.input, signal),
        relay: (chunks, translation: AnthropicTranslation) =>
          new AnthropicStreamRelay(new AnthropicStreamReader(chunks), request.model, translation.body),
      };
    return {
      ...base,
      kind: 'unary',
      send: (deployment, translation: AnthropicTranslation, signal) =>
        invokeAnthropic(deployment.runtime, translation.input, signal),
      respond: (output: Awaited<ReturnType<typeof invokeAnthropic>>) => ({
        body: { ...output.message, model: request.model },
        usage: output.usage,
      }),
    };
  }
}
