// Token counts as Bedrock reports them. Bedrock's `inputTokens` EXCLUDES the tokens read from or
// written to the prompt cache; each of the four counts is priced at its own rate (see cost-of.ts).
import type { ServiceTier } from './service-tier';

export interface TokenUsage {
  /** Prompt tokens neither read from nor written to the cache. */
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** The service tier the call ran on when not standard: it changes the price (service-tier.ts). */
  serviceTier?: ServiceTier;
}

/** Bedrock's usage shape (Converse `usage`, stream `metadata.usage`); every field may be missing. */
export interface BedrockUsageFields {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

export function emptyTokenUsage(): TokenUsage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
}

/** Lenient: a missing, negative or non-numeric count becomes 0 rather than poisoning the cost. */
export function tokenUsageFromBedrock(usage: BedrockUsageFields | undefined): TokenUsage {
  if (!usage) return emptyTokenUsage();
  return {
    inputTokens: countOf(usage.inputTokens),
    outputTokens: countOf(usage.outputTokens),
    cacheReadTokens: countOf(usage.cacheReadInputTokens),
    cacheWriteTokens: countOf(usage.cacheWriteInputTokens),
  };
}

function countOf(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
