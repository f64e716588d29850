import { randomUUID } from 'node:crypto';

/** OpenAI-style completion ids; chunks of one stream share one. */
export function completionId(): string {
  return `chatcmpl-${randomUUID()}`;
}
