// Anthropic's usage object (answers, message_start, message_delta) as the gateway meters it. Anthropic's
// `input_tokens`, like Bedrock's, excludes the tokens read from or written to the prompt cache.
import type { TokenUsage } from '../pricing/token-usage';

export function tokenUsageFromAnthropic(usage: unknown): TokenUsage {
  const fields = (typeof usage === 'object' && usage !== null ? usage : {}) as Record<string, unknown>;
  return {
    inputTokens: countOf(fields.input_tokens),
    outputTokens: countOf(fields.output_tokens),
    cacheReadTokens: countOf(fields.cache_read_input_tokens),
    cacheWriteTokens: countOf(fields.cache_creation_input_tokens),
  };
}

function countOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
