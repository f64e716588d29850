// The Bedrock side of one Messages call on either route: the translated request tagged with its route,
// and the send / open / relay steps for it. Claude's answers and events go back as Bedrock sent them;
// Converse's are put in Anthropic's shapes (converse-messages-*.ts in libs/bedrock).
import type { ConverseCommandInput, InvokeModelCommandInput } from '@aws-sdk/client-bedrock-runtime';
import {
  AnthropicStreamReader,
  anthropicInvokeInput,
  converse,
  converseStream,
  fromConverseToAnthropic,
  invokeAnthropic,
  openAnthropicStream,
  toBedrockAnthropicBody,
  toConverseMessagesInput,
  type AnthropicBody,
  type TokenUsage,
} from '@quarry/bedrock';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import type { StreamRelay } from '../../invocation/invocation';
import type { MessagesRequest } from './messages-request';
import { messagesRouteOf } from './messages-route';
import { AnthropicStreamRelay, ConverseMessagesRelay } from './messages-stream-relay';

export type MessagesTranslation =
  | { route: 'anthropic'; body: AnthropicBody; input: InvokeModelCommandInput }
  | { route: 'converse'; body: AnthropicBody; input: ConverseCommandInput };

export function translateMessages(
  request: MessagesRequest,
  deployment: ResolvedDeployment,
  anthropicBeta: string[],
): MessagesTranslation {
  const modelId = deployment.route.modelId;
  if (messagesRouteOf(deployment, request.model) === 'converse')
    return {
      route: 'converse',
      body: request.body,
      input: toConverseMessagesInput(request.body, modelId, request.model),
    };
  const body = toBedrockAnthropicBody(request.body, anthropicBeta);
  return { route: 'anthropic', body, input: anthropicInvokeInput(modelId, body) };
}

/** The answer in Anthropic's shape, with the public model name, and its usage. */
export async function sendMessages(
  deployment: ResolvedDeployment,
  translation: MessagesTranslation,
  model: string,
  signal: AbortSignal,
): Promise<{ message: AnthropicBody; usage: TokenUsage }> {
  if (translation.route === 'converse')
    return fromConverseToAnthropic(await converse(deployment.runtime, translation.input, signal), model);
  const { message, usage } = await invokeAnthropic(deployment.runtime, translation.input, signal);
  return { message: { ...message, model }, usage };
}

export type OpenedMessages =
  | { route: 'anthropic'; chunks: Awaited<ReturnType<typeof openAnthropicStream>> }
  | { route: 'converse'; events: NonNullable<Awaited<ReturnType<typeof converseStream>>['stream']> };

export async function openMessagesStream(
  deployment: ResolvedDeployment,
  translation: MessagesTranslation,
  signal: AbortSignal,
): Promise<OpenedMessages> {
  if (translation.route === 'anthropic')
    return {
      route: 'anthropic',
      chunks: await openAnthropicStream(deployment.runtime, translation.input, signal),
    };
  const opened = await converseStream(deployment.runtime, translation.input, signal);
  return { route: 'converse', events: opened.stream ?? noEvents() };
}

export function messagesRelay(
  opened: OpenedMessages,
  translation: MessagesTranslation,
  model: string,
): StreamRelay {
  if (opened.route === 'anthropic')
    return new AnthropicStreamRelay(new AnthropicStreamReader(opened.chunks), model, translation.body);
  return new ConverseMessagesRelay(opened.events, model, translation.body);
}

async function* noEvents(): AsyncGenerator<never> {}
