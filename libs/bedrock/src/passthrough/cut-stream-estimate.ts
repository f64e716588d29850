// A passthrough stream that ends before Bedrock's usage report (the client left, the upstream broke, our
// deadline) still cost tokens, and a client could otherwise get a long answer for nothing by closing the
// socket just before the last event. As chat does (chat/converse/estimated-usage.ts), we book an estimate
// of about four characters per token: the text of the request body, and the text of the model output
// events that went by. Base64 payloads (images, documents) and protocol fields are not text a model
// reads as characters, so they are left out rather than counted as hundreds of thousands of tokens.
import type { TokenUsage } from '../pricing/token-usage';

const CHARACTERS_PER_TOKEN = 4;

/** Keys whose strings are binary payloads, signatures or protocol words rather than model text. */
const NOT_TEXT = new Set([
  'bytes',
  'data',
  'signature',
  'type',
  'role',
  'id',
  'model',
  'stop_reason',
  'stopReason',
  'stop_sequence',
  'finish_reason',
  'contentBlockIndex',
  'p',
]);

export function estimatedStreamUsage(promptCharacters: number, outputCharacters: number): TokenUsage {
  return {
    inputTokens: Math.ceil(promptCharacters / CHARACTERS_PER_TOKEN),
    outputTokens: Math.ceil(outputCharacters / CHARACTERS_PER_TOKEN),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  };
}

/** The characters of text in a JSON request body (0 when it is not JSON). */
export function promptCharactersOf(body: Uint8Array | undefined): number {
  if (!body || body.byteLength === 0) return 0;
  try {
    return textCharacters(JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString()));
  } catch {
    return 0;
  }
}

/** The characters of model text in one decoded JSON payload (a ConverseStream delta, a native chunk). */
export function textCharacters(value: unknown, key = ''): number {
  if (typeof value === 'string') return NOT_TEXT.has(key) ? 0 : value.length;
  if (Array.isArray(value)) {
    let total = 0;
    for (const item of value) total += textCharacters(item, key);
    return total;
  }
  if (typeof value === 'object' && value !== null) {
    let total = 0;
    for (const [child, item] of Object.entries(value))
      if (!NOT_TEXT.has(child)) total += textCharacters(item, child);
    return total;
  }
  return 0;
}
