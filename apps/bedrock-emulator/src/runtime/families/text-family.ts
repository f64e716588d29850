// What every text-model family module provides: its native InvokeModel body parsed into a
// Conversation, and the model outcome rendered back as its native response body and stream chunks.
import type { FoundationModel } from '../../catalogue/foundation-model';
import { emptyConversation, type Conversation, type ModelOutcome } from '../../model/conversation';
import {
  expectString,
  optionalNumber,
  optionalStringArray,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';

export interface NativeChunk {
  chunk: JsonRecord;
  /** Output tokens carried, for stream pacing. */
  tokens: number;
}

export interface TextFamily {
  toolIdPrefix: string;
  parse(body: JsonRecord, model: FoundationModel): Conversation;
  render(outcome: ModelOutcome, model: FoundationModel, conversation: Conversation): JsonRecord;
  streamChunks(outcome: ModelOutcome, model: FoundationModel, conversation: Conversation): NativeChunk[];
}

/**
 * For single-string prompt formats (Llama, Mistral, Titan): the whole prompt counts as input, the
 * last user turn is what the model answers.
 */
export function promptConversation(prompt: string, lastUserText: string): Conversation {
  const conversation = emptyConversation();
  const rest = lastUserText ? prompt.replace(lastUserText, '') : prompt;
  if (rest) conversation.system.push({ kind: 'text', text: rest });
  conversation.messages.push({ role: 'user', blocks: [{ kind: 'text', text: lastUserText }] });
  return conversation;
}

/** How a single-prompt body names its members (they differ per provider). */
export interface PromptBodyShape {
  userTurn: RegExp;
  maxTokensKey: string;
  maxTokensLimit: number;
  stopKey: string;
}

/**
 * A single-prompt body (`prompt`, a token cap, stop sequences) parsed into a Conversation: the shape
 * Jurassic-2, Cohere Command text and DeepSeek R1 share. Unknown members are refused by the caller.
 */
export function promptBodyConversation(body: JsonRecord, shape: PromptBodyShape): Conversation {
  requireKeys(body, ['prompt']);
  const prompt = expectString(body.prompt, 'prompt');
  const conversation = promptConversation(prompt, lastTurn(prompt, shape.userTurn));
  conversation.maxTokens = optionalNumber(body[shape.maxTokensKey], shape.maxTokensKey, {
    min: 1,
    max: shape.maxTokensLimit,
    integer: true,
  });
  conversation.stopSequences = optionalStringArray(body[shape.stopKey], shape.stopKey);
  return conversation;
}

/** The text of the conversation's last user turn, as a prompt-echoing answer repeats it. */
export function lastPromptText(conversation: Conversation): string {
  return (
    conversation.messages
      .at(-1)
      ?.blocks.map((block) => (block.kind === 'text' ? block.text : ''))
      .join('') ?? ''
  );
}

/** The text of the last match of a turn pattern, or the whole prompt when the template is not used. */
export function lastTurn(prompt: string, pattern: RegExp): string {
  let last: string | undefined;
  for (const match of prompt.matchAll(pattern)) last = match[1];
  return (last ?? prompt).trim();
}

export function shortHash(text: string): string {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0).toString(36).padStart(7, '0');
}
