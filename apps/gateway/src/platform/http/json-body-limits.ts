// Caps on what a JSON request body may be, checked before JSON.parse: a body nested thousands of levels
// deep parses fine but overflows the stack of every recursive walk after it (validation, translation,
// the SDK's serializer), which used to surface as a 500. One iterative pass over the text, no recursion.
import { OpenAIError } from '@quarry/openai';

/** Large enough for several images or documents as base64 in one chat request. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Deeper than any real tool schema or message (JSON Schema nests a few levels per property). */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * True when objects and arrays in `text` nest deeper than `maxDepth`. Brackets inside strings do not
 * count. Malformed JSON is not judged here: JSON.parse reports it afterwards. Strings (most of a chat
 * body) are skipped with indexOf rather than walked a character at a time: several times faster.
 */
export function jsonNestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  const length = text.length;
  for (let index = 0; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      index = closingQuote(text, index);
      if (index === -1) return false;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
  }
  return false;
}

/** The index of the quote that closes the string opened at `opening` (one not escaped), or -1. */
function closingQuote(text: string, opening: number): number {
  let quote = text.indexOf('"', opening + 1);
  while (quote !== -1) {
    let backslashes = 0;
    for (let before = quote - 1; text.charCodeAt(before) === BACKSLASH; before--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = text.indexOf('"', quote + 1);
  }
  return -1;
}

export function jsonTooDeepError(): OpenAIError {
  return OpenAIError.badRequest(
    `Request body nests JSON objects and arrays deeper than ${MAX_JSON_DEPTH} levels, the gateway's limit`,
    'body',
    'json_too_deep',
  );
}

export function bodyTooLargeError(): OpenAIError {
  return new OpenAIError(
    413,
    `Request body is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MiB, the gateway's limit`,
    'invalid_request_error',
    'body',
    'body_too_large',
  );
}
