// Reasoning ("thinking") blocks: text derived from the prompt, signed with an HMAC so a client that
// sends the block back unchanged can be told apart from one that edited it.
import { createHmac } from 'node:crypto';

const SIGNATURE_KEY = 'quarry-emulator-reasoning-signature';

export function reasoningText(lastUserText: string): string {
  const topic = lastUserText.trim() || 'an empty message';
  return `The user wrote: ${topic}. I will restate it and answer plainly, in one short paragraph.`;
}

export function reasoningSignature(text: string): string {
  return createHmac('sha256', SIGNATURE_KEY).update(text).digest('base64');
}

export function isValidReasoningSignature(text: string, signature: string): boolean {
  return reasoningSignature(text) === signature;
}
