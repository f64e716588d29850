// Bedrock token counts → OpenAI's `usage`. OpenAI's prompt_tokens counts every prompt token, so
// cache reads and cache writes are added back in (Bedrock's inputTokens excludes both); the split
// stays visible in prompt_tokens_details.cached_tokens and LiteLLM's cache_* fields.
import type { CompletionUsage } from '@quarry/openai';
import type { TokenUsage } from '../../pricing/token-usage';

export function toCompletionUsage(usage: TokenUsage): CompletionUsage {
  const promptTokens = usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: promptTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cacheReadTokens },
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
  };
}
