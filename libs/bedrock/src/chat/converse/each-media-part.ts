// Where a conversation carries media: the `image_url` and `file` parts of its user and tool messages,
// walked once before translation by what must be fetched up front (remote URLs, stored files).
import type { ChatMessage } from '@quarry/openai';

type MediaCarryingPart = Extract<
  Exclude<Extract<ChatMessage, { role: 'user' | 'tool' }>['content'], string>[number],
  { type: 'image_url' | 'file' }
>;

/** Calls `visit` with every `image_url` and `file` part of the user and tool messages, and its position. */
export function forEachMediaPart(
  messages: readonly ChatMessage[],
  visit: (part: MediaCarryingPart, messageIndex: number, partIndex: number) => void,
): void {
  for (let messageIndex = 0; messageIndex < messages.length; messageIndex++) {
    const message = messages[messageIndex];
    if ((message.role !== 'user' && message.role !== 'tool') || typeof message.content === 'string') continue;
    const parts = message.content;
    for (let partIndex = 0; partIndex < parts.length; partIndex++) {
      const part = parts[partIndex];
      if (part.type === 'image_url' || part.type === 'file') visit(part, messageIndex, partIndex);
    }
  }
}
