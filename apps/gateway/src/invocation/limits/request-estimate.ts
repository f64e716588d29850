// What a request is expected to use before it runs: its input tokens (about four characters each, over
// every string in the body), the output it may produce (max_tokens when the client set it) and the images
// it asks for. tpm limits reserve these tokens and budgets reserve their cost; both are corrected with
// the real usage when the call ends.
import { costOf, type ModelPrice } from '@quarry/bedrock';

export interface RequestEstimate {
  inputTokens: number;
  /** max_tokens / max_completion_tokens when given. */
  maxOutputTokens: number | undefined;
  images: number;
}

/** Output tokens a budget reservation assumes when the client set no max_tokens. */
export const ASSUMED_OUTPUT_TOKENS = 1024;
const CHARACTERS_PER_TOKEN = 4;
/** Nesting walked at most (bodies are depth-capped at the edge already). */
const MAX_DEPTH = 32;

export function estimateRequest(body: unknown): RequestEstimate {
  const record = (body ?? {}) as Record<string, unknown>;
  const maxOutput = record.max_tokens ?? record.max_completion_tokens;
  return {
    inputTokens: Math.ceil(textCharacters(body, 0) / CHARACTERS_PER_TOKEN),
    maxOutputTokens: typeof maxOutput === 'number' && maxOutput > 0 ? maxOutput : undefined,
    images: typeof record.n === 'number' && record.n > 0 ? record.n : 1,
  };
}

/** Tokens a tpm limit reserves: the input and the output the client capped (uncapped output counts when it is known). */
export function reservedTokens(estimate: RequestEstimate): number {
  return estimate.inputTokens + (estimate.maxOutputTokens ?? 0);
}

/** The most the call is expected to cost on this price: what budgets reserve while it is in flight. */
export function estimatedCost(estimate: RequestEstimate, price: ModelPrice | undefined): number {
  if (!price) return 0;
  const tokens = costOf(
    {
      inputTokens: estimate.inputTokens,
      outputTokens: estimate.maxOutputTokens ?? ASSUMED_OUTPUT_TOKENS,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    },
    price,
  );
  return tokens + (price.perImage ?? 0) * estimate.images + (price.perQuery ?? 0);
}

/** An inline image (data: URL) counts as about 1,600 tokens, not as its base64 text. */
const INLINE_IMAGE_CHARACTERS = 1_600 * CHARACTERS_PER_TOKEN;

function textCharacters(value: unknown, depth: number): number {
  if (typeof value === 'string')
    return value.startsWith('data:') ? Math.min(value.length, INLINE_IMAGE_CHARACTERS) : value.length;
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return 0;
  let characters = 0;
  if (Array.isArray(value)) for (const item of value) characters += textCharacters(item, depth + 1);
  else for (const item of Object.values(value)) characters += textCharacters(item, depth + 1);
  return characters;
}
