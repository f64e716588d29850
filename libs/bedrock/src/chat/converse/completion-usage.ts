// Bedrock token counts → OpenAI's `usage`. OpenAI's prompt_tokens counts every prompt token, so
// cache reads and cache writes are added back in (Bedrock's inputTokens excludes both); the split
// stays visible in prompt_tokens_details.cached_tokens and LiteLLM's cache_* fields. With the
// deployment's price known, `cost` (USD) is there too, where LiteLLM users read it.
import type { CompletionUsage } from '@quarry/openai';
import { costOf } from '../../pricing/cost-of';
import { roundCost } from '../../pricing/cost-format';
import type { ModelPrice } from '../../pricing/model-price';
import type { TokenUsage } from '../../pricing/token-usage';

export function toCompletionUsage(usage: TokenUsage, price?: ModelPrice): CompletionUsage {
  const promptTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: promptTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens },
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
    ...(price ? { cost: roundCost(costOf(usage, price)) } : {}),
  };
}
