// Server-sent events framing exactly as OpenAI streams chat completions.
import type { ChatCompletionChunk } from '@quarry/openai';

/** The line that ends every OpenAI stream. */
export const SSE_DONE = 'data: [DONE]\n\n';

export function toSseLine(chunk: ChatCompletionChunk): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}
