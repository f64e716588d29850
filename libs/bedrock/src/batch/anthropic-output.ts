// Claude's Messages answer (a batch record's modelOutput) → the Converse output shape, so the live
// route's response translation (fromConverseResponse) answers the batch line exactly as it would a call.
import type { ContentBlock, ConverseCommandOutput } from '@aws-sdk/client-bedrock-runtime';

export function converseOutputOfAnthropic(output: Record<string, any>): ConverseCommandOutput {
  const content: ContentBlock[] = [];
  for (const block of Array.isArray(output.content) ? output.content : []) {
    if (block?.type === 'text') content.push({ text: String(block.text ?? '') });
    else if (block?.type === 'tool_use')
      content.push({ toolUse: { toolUseId: block.id, name: block.name, input: block.input ?? {} } });
    else if (block?.type === 'thinking')
      content.push({
        reasoningContent: { reasoningText: { text: block.thinking ?? '', signature: block.signature } },
      });
    else if (block?.type === 'redacted_thinking')
      content.push({
        reasoningContent: { redactedContent: Buffer.from(String(block.data ?? ''), 'base64') },
      });
  }
  const usage = output.usage ?? {};
  return {
    output: { message: { role: 'assistant', content } },
    stopReason: output.stop_reason ?? 'end_turn',
    usage: {
      inputTokens: usage.input_tokens ?? 0,
      outputTokens: usage.output_tokens ?? 0,
      totalTokens: (usage.input_tokens ?? 0) + (usage.output_tokens ?? 0),
      cacheReadInputTokens: usage.cache_read_input_tokens,
      cacheWriteInputTokens: usage.cache_creation_input_tokens,
    },
    metrics: { latencyMs: 0 },
    $metadata: {},
  } as ConverseCommandOutput;
}

/** Nova's answer is Converse's shape, but its cache counts are named …TokenCount. */
export function converseOutputOfNova(output: Record<string, any>): ConverseCommandOutput {
  const usage = output.usage ?? {};
  return {
    ...output,
    usage: {
      ...usage,
      cacheReadInputTokens: usage.cacheReadInputTokens ?? usage.cacheReadInputTokenCount,
      cacheWriteInputTokens: usage.cacheWriteInputTokens ?? usage.cacheWriteInputTokenCount,
    },
    $metadata: {},
  } as ConverseCommandOutput;
}
