// One OpenAI assistant message → Converse assistant content: reasoning first (Anthropic requires the
// signed thinking block to open the turn that made tool calls), then text, then toolUse blocks.
import type { ContentBlock } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import type { AssistantMessage, ThinkingBlock } from '@quarry/openai';
import { cachePointFor } from './cache-points';
import type { JsonDocument } from './converse-draft';
import { isBlank } from './content-parts';
import type { TranslationState } from './translation-state';

export interface ToolUseReference {
  /** The id the client sent (tool messages answer it). */
  clientId: string;
  /** `messages[i].tool_calls[j]`, for errors. */
  param: string;
}

export interface AssistantTurnContent {
  blocks: ContentBlock[];
  toolUses: ToolUseReference[];
}

export function assistantTurnContent(
  message: AssistantMessage,
  path: string,
  state: TranslationState,
): AssistantTurnContent {
  const blocks: ContentBlock[] = [];
  addReasoning(message, state, blocks);
  addText(message, blocks);
  const toolUses: ToolUseReference[] = [];
  const toolCalls = message.tool_calls;
  if (toolCalls) {
    const seen = new Set<string>();
    for (let index = 0; index < toolCalls.length; index++) {
      const toolCall = toolCalls[index];
      const param = `${path}.tool_calls[${index}]`;
      if (seen.has(toolCall.id)) {
        throw OpenAIError.badRequest(
          `${param}.id '${toolCall.id}' is used twice in this message`,
          `${param}.id`,
        );
      }
      seen.add(toolCall.id);
      blocks.push({
        toolUse: {
          toolUseId: state.toolUseIds.toBedrock(toolCall.id),
          name: state.toolNames.toBedrock(toolCall.function.name),
          input: parseArguments(toolCall.function.arguments, `${param}.function.arguments`) as JsonDocument,
        },
      });
      toolUses.push({ clientId: toolCall.id, param });
      const toolCachePoint = cachePointFor(toolCall.cache_control, state.cachingSupported);
      if (toolCachePoint) blocks.push(toolCachePoint);
    }
  }
  const cachePoint = cachePointFor(message.cache_control, state.cachingSupported);
  if (cachePoint && blocks.length > 0) blocks.push(cachePoint);
  return { blocks, toolUses };
}

/**
 * Signed thinking blocks are replayed as sent. A bare `reasoning_content` string carries no signature:
 * Anthropic rejects unsigned thinking, so it is left out there; other families get it as plain reasoning.
 */
function addReasoning(message: AssistantMessage, state: TranslationState, blocks: ContentBlock[]): void {
  const thinkingBlocks = message.thinking_blocks;
  if (thinkingBlocks && thinkingBlocks.length > 0) {
    for (const block of thinkingBlocks) blocks.push(reasoningBlock(block));
    return;
  }
  const reasoning = message.reasoning_content;
  if (reasoning && !isBlank(reasoning) && state.family !== 'anthropic') {
    blocks.push({ reasoningContent: { reasoningText: { text: reasoning } } });
  }
}

function reasoningBlock(block: ThinkingBlock): ContentBlock {
  switch (block.type) {
    case 'thinking':
      return {
        reasoningContent: {
          reasoningText: block.signature
            ? { text: block.thinking, signature: block.signature }
            : { text: block.thinking },
        },
      };
    case 'redacted_thinking':
      return { reasoningContent: { redactedContent: Buffer.from(block.data, 'base64') } };
    default: {
      const unknown: never = block;
      throw new Error(`unknown thinking block ${JSON.stringify(unknown)}`);
    }
  }
}

/** Blank assistant text is dropped: OpenAI SDKs send `content: ""` alongside tool calls. */
function addText(message: AssistantMessage, blocks: ContentBlock[]): void {
  const content = message.content;
  if (typeof content === 'string') {
    if (!isBlank(content)) blocks.push({ text: content });
  } else if (content) {
    for (const part of content) {
      const text = part.type === 'text' ? part.text : part.refusal;
      if (!isBlank(text)) blocks.push({ text });
    }
  }
  if (message.refusal && !isBlank(message.refusal) && !content) blocks.push({ text: message.refusal });
}

/** Tool call arguments are JSON text; Bedrock wants the object. No arguments at all means `{}`. */
function parseArguments(text: string, param: string): Record<string, unknown> {
  if (isBlank(text)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw OpenAIError.badRequest(`${param} is not valid JSON`, param);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw OpenAIError.badRequest(`${param} must be a JSON object`, param);
  }
  return parsed as Record<string, unknown>;
}
