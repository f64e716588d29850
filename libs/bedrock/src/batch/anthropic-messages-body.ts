// A Converse input (the live route's translation of an OpenAI chat request) → the Anthropic Messages
// body Bedrock's batch runner sends to Claude on InvokeModel. Small and batch-only for now: the
// InvokeModel family bodies being built in chat/invoke can replace it once they exist.
import type { ContentBlock, ConverseCommandInput, SystemContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';

export const ANTHROPIC_BEDROCK_VERSION = 'bedrock-2023-05-31';
/** Claude requires max_tokens; the live route leaves it to Bedrock's default, a batch record cannot. */
const DEFAULT_MAX_TOKENS = 4096;
const CARRIED = new Set([
  'modelId',
  'messages',
  'system',
  'inferenceConfig',
  'toolConfig',
  'additionalModelRequestFields',
]);

type Block = Record<string, unknown>;

export function toAnthropicMessagesBody(input: ConverseCommandInput): Record<string, unknown> {
  for (const [key, value] of Object.entries(input))
    if (value !== undefined && !CARRIED.has(key))
      throw OpenAIError.badRequest(
        `${key} cannot be sent in a batch record to this model`,
        key,
        'unsupported_in_batch',
      );
  const config = input.inferenceConfig ?? {};
  const body: Record<string, unknown> = {
    anthropic_version: ANTHROPIC_BEDROCK_VERSION,
    max_tokens: config.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages: (input.messages ?? []).map((message) => ({
      role: message.role,
      content: withCachePoints(message.content ?? [], contentBlock),
    })),
  };
  if (input.system?.length) body.system = withCachePoints(input.system, systemBlock);
  if (config.temperature !== undefined) body.temperature = config.temperature;
  if (config.topP !== undefined) body.top_p = config.topP;
  if (config.stopSequences?.length) body.stop_sequences = config.stopSequences;
  const tools = input.toolConfig?.tools ?? [];
  if (tools.length > 0) {
    body.tools = withCachePoints(tools, (tool) =>
      tool.toolSpec
        ? {
            name: tool.toolSpec.name,
            ...(tool.toolSpec.description ? { description: tool.toolSpec.description } : {}),
            input_schema: tool.toolSpec.inputSchema?.json ?? { type: 'object' },
          }
        : undefined,
    );
  }
  const choice = input.toolConfig?.toolChoice;
  if (choice?.auto) body.tool_choice = { type: 'auto' };
  else if (choice?.any) body.tool_choice = { type: 'any' };
  else if (choice?.tool) body.tool_choice = { type: 'tool', name: choice.tool.name };
  Object.assign(body, input.additionalModelRequestFields ?? {});
  return body;
}

/** Converse marks a cache point with a block after the cached one; Anthropic puts cache_control on it. */
function withCachePoints<T extends { cachePoint?: unknown }>(
  blocks: readonly T[],
  convert: (block: T) => Block | undefined,
): Block[] {
  const converted: Block[] = [];
  for (const block of blocks) {
    if (block.cachePoint) {
      const previous = converted[converted.length - 1];
      if (previous) previous.cache_control = { type: 'ephemeral' };
      continue;
    }
    const result = convert(block);
    if (result) converted.push(result);
  }
  return converted;
}

function systemBlock(block: SystemContentBlock): Block | undefined {
  if (block.text !== undefined) return { type: 'text', text: block.text };
  throw OpenAIError.badRequest(
    'system content other than text cannot be sent in a batch record to this model',
    'messages',
  );
}

function contentBlock(block: ContentBlock): Block {
  if (block.text !== undefined) return { type: 'text', text: block.text };
  if (block.image) {
    return {
      type: 'image',
      source: {
        type: 'base64',
        media_type: `image/${block.image.format}`,
        data: base64(block.image.source?.bytes),
      },
    };
  }
  if (block.document?.format === 'pdf') {
    return {
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: base64(block.document.source?.bytes) },
    };
  }
  if (block.toolUse)
    return {
      type: 'tool_use',
      id: block.toolUse.toolUseId,
      name: block.toolUse.name,
      input: block.toolUse.input ?? {},
    };
  if (block.toolResult) {
    return {
      type: 'tool_result',
      tool_use_id: block.toolResult.toolUseId,
      content: (block.toolResult.content ?? []).map((part) =>
        part.text !== undefined
          ? { type: 'text', text: part.text }
          : part.json !== undefined
            ? { type: 'text', text: JSON.stringify(part.json) }
            : contentBlock(part as ContentBlock),
      ),
      ...(block.toolResult.status === 'error' ? { is_error: true } : {}),
    };
  }
  const reasoning = block.reasoningContent;
  if (reasoning?.reasoningText)
    return {
      type: 'thinking',
      thinking: reasoning.reasoningText.text,
      signature: reasoning.reasoningText.signature,
    };
  if (reasoning?.redactedContent)
    return { type: 'redacted_thinking', data: base64(reasoning.redactedContent) };
  throw OpenAIError.badRequest(
    'this message content cannot be sent in a batch record to this model',
    'messages',
  );
}

function base64(bytes: Uint8Array | undefined): string {
  return Buffer.from(bytes ?? new Uint8Array()).toString('base64');
}
