// Token arithmetic of the emulated model: a token is 4 characters of text (rounded up), an image or
// document is a flat MEDIA_TOKENS. Simple enough that tests can predict every number.
import { createHash } from 'node:crypto';
import type { Conversation, ConversationBlock } from './conversation';

export const MEDIA_TOKENS = 100;
const CHARS_PER_TOKEN = 4;

export function countTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

export function charsToTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

function blockContent(block: ConversationBlock): string {
  switch (block.kind) {
    case 'text':
    case 'reasoning':
      return block.text;
    case 'toolUse':
      return block.name + JSON.stringify(block.input ?? {});
    case 'toolResult':
      return block.text;
    case 'media':
      return ' '.repeat(MEDIA_TOKENS * CHARS_PER_TOKEN);
    case 'cachePoint':
      return '';
    default: {
      const unreachable: never = block;
      return unreachable;
    }
  }
}

export interface PromptLayout {
  totalChars: number;
  /** One entry per cache point, in prompt order: characters before it and an identity of that prefix. */
  cachePoints: Array<{ chars: number; key: string }>;
}

/**
 * Walks the prompt in Bedrock's cache order (tools, system, messages) and records where the cache
 * points fall. The key of a prefix hashes everything before it, so an identical prefix matches.
 */
export function promptLayout(conversation: Conversation): PromptLayout {
  const hash = createHash('sha256');
  let totalChars = 0;
  const cachePoints: PromptLayout['cachePoints'] = [];
  const add = (piece: string) => {
    totalChars += piece.length;
    hash.update(piece.length + ':' + piece);
  };
  const mark = () => cachePoints.push({ chars: totalChars, key: hash.copy().digest('hex') });
  for (const tool of conversation.tools) {
    add(tool.name + tool.description + JSON.stringify(tool.schema ?? {}));
  }
  if (conversation.toolsCachePoint) mark();
  const visit = (block: ConversationBlock) =>
    block.kind === 'cachePoint' ? mark() : add(blockContent(block));
  conversation.system.forEach(visit);
  for (const message of conversation.messages) {
    hash.update('|' + message.role);
    message.blocks.forEach(visit);
  }
  return { totalChars, cachePoints };
}

/** Input tokens of the whole prompt, cache or not (what CountTokens answers). */
export function countPromptTokens(conversation: Conversation): number {
  return Math.max(1, charsToTokens(promptLayout(conversation).totalChars));
}
