// The Bedrock side of one chat call on either route: a translated request tagged with its route, and the
// send / open / respond steps for it. Both routes end in Converse's shapes (InvokeModel answers are read
// back into them), so the OpenAI answer and chunk sequence are built by one translator.
import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import {
  converse,
  converseStream,
  estimateConverseUsage,
  fromConverseResponse,
  formatStreams,
  fromInvokeResponse,
  invokeAnswerEvents,
  invokeModel,
  invokeModelStream,
  invokeStreamEvents,
  type ConverseRequest,
  type ConverseResponseMeta,
  type InvokeRequest,
  type TokenUsage,
  type TranslationContext,
} from '@quarry/bedrock';
import type { ChatCompletion } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';

export type ChatTranslation =
  { route: 'converse'; request: ConverseRequest } | { route: 'invoke'; request: InvokeRequest };

export type ChatOutput =
  | { route: 'converse'; output: Awaited<ReturnType<typeof converse>> }
  | { route: 'invoke'; output: Awaited<ReturnType<typeof invokeModel>> };

export function contextOf(translation: ChatTranslation): TranslationContext {
  return translation.request.context;
}

export async function sendChat(
  deployment: ResolvedDeployment,
  translation: ChatTranslation,
  signal: AbortSignal,
): Promise<ChatOutput> {
  if (translation.route === 'converse')
    return {
      route: 'converse',
      output: await converse(deployment.runtime, translation.request.input, signal),
    };
  return {
    route: 'invoke',
    output: await invokeModel(deployment.runtime, translation.request.input, signal),
  };
}

export function completionOf(
  output: ChatOutput,
  translation: ChatTranslation,
  meta: ConverseResponseMeta,
): { completion: ChatCompletion; usage: TokenUsage } {
  if (output.route === 'converse') return fromConverseResponse(output.output, meta);
  if (translation.route !== 'invoke') throw new Error('an InvokeModel answer for a Converse translation');
  return fromInvokeResponse(output.output, translation.request.format, meta);
}

/** Resolves once the stream is open; its events in Converse's terms. */
export async function openChatStream(
  deployment: ResolvedDeployment,
  translation: ChatTranslation,
  signal: AbortSignal,
): Promise<AsyncIterable<ConverseStreamOutput>> {
  if (translation.route === 'converse') {
    const opened = await converseStream(deployment.runtime, translation.request.input, signal);
    return opened.stream ?? noEvents();
  }
  const { input, format } = translation.request;
  if (!formatStreams(format))
    return invokeAnswerEvents(await invokeModel(deployment.runtime, input, signal), format);
  const opened = await invokeModelStream(deployment.runtime, input, signal);
  return invokeStreamEvents(opened.body, format);
}

/** The usage of a stream cut short before Bedrock reported it: estimated from the prompt and the output. */
export function estimatedUsage(translation: ChatTranslation, streamedCharacters: number): TokenUsage {
  const input =
    translation.route === 'converse' ? translation.request.input : translation.request.converseInput;
  return estimateConverseUsage(input, streamedCharacters);
}

async function* noEvents(): AsyncGenerator<ConverseStreamOutput> {}
