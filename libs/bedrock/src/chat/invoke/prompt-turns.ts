// The conversation as plain text turns, for the formats that take a templated prompt (Llama, Mistral
// text, Titan, Cohere Command, Claude 2, DeepSeek R1, imported Qwen). The Converse input is already
// checked against the narrowed capabilities (no images, no tools), so only text, tool history and
// cache points remain; tool history is rendered as text so earlier turns keep their meaning.
import type { ContentBlock, ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import type { JsonObject } from './invoke-family';

export interface PromptTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface PromptConversation {
  system: string;
  turns: PromptTurn[];
}

export function promptConversation(input: ConverseCommandInput): PromptConversation {
  const system = (input.system ?? [])
    .map((block) => block.text ?? '')
    .filter((text) => text !== '')
    .join('\n');
  const turns: PromptTurn[] = [];
  for (const [index, message] of (input.messages ?? []).entries()) {
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const text = (message.content ?? []).map((block) => blockText(refuseMedia(block, index))).join('');
    const previous = turns[turns.length - 1];
    if (previous && previous.role === role) previous.text += `\n${text}`;
    else turns.push({ role, text });
  }
  return { system, turns };
}

/**
 * Images, documents and video cannot go into a text prompt; dropping them would answer a question the
 * client did not ask. (The index counts Bedrock's turns, where system messages are not turns.)
 */
export function refuseMedia(block: ContentBlock, turn: number): ContentBlock {
  if (block.image || block.document || block.video) {
    throw OpenAIError.badRequest(
      `messages: this model's InvokeModel format takes text only, but turn ${turn + 1} carries ${block.image ? 'an image' : block.document ? 'a document' : 'a video'}`,
      'messages',
      'unsupported_content',
    );
  }
  return block;
}

function blockText(block: ContentBlock): string {
  if (block.text !== undefined) return block.text;
  if (block.toolUse) return `[tool call ${block.toolUse.name}: ${JSON.stringify(block.toolUse.input ?? {})}]`;
  if (block.toolResult) {
    const parts = (block.toolResult.content ?? []).map((part) =>
      part.text !== undefined ? part.text : JSON.stringify(part.json ?? ''),
    );
    return `[tool result: ${parts.join('')}]`;
  }
  return '';
}

/** The inference settings every format takes in some spelling. */
export function samplingOf(input: ConverseCommandInput) {
  const config = input.inferenceConfig ?? {};
  return {
    maxTokens: config.maxTokens,
    temperature: config.temperature,
    topP: config.topP,
    stop: config.stopSequences,
  };
}

/** Only the members that are set (Bedrock refuses explicit nulls in several formats). */
export function definedMembers(members: JsonObject): JsonObject {
  const body: JsonObject = {};
  for (const key in members) if (members[key] !== undefined) body[key] = members[key];
  return body;
}

/** Provider params that landed in additionalModelRequestFields (top_k, …), merged into native bodies. */
export function extraFields(input: ConverseCommandInput): JsonObject {
  return { ...((input.additionalModelRequestFields as JsonObject | undefined) ?? {}) };
}
