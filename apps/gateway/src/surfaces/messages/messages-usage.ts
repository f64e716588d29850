// The usage of a Messages stream cut short before Bedrock reported it: about four characters a token
// for the prompt (its JSON, a slight overestimate) and for what was streamed, as chat estimates it.
import type { AnthropicBody, TokenUsage } from '@quarry/bedrock';

const CHARACTERS_PER_TOKEN = 4;

export function estimatedUsage(body: AnthropicBody, streamedCharacters: number): TokenUsage {
  const prompt = JSON.stringify({ system: body.system, messages: body.messages, tools: body.tools });
  return {
    inputTokens: Math.ceil(prompt.length / CHARACTERS_PER_TOKEN),
    outputTokens: Math.ceil(streamedCharacters / CHARACTERS_PER_TOKEN),
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  };
}
