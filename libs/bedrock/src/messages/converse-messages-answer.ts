// A Converse answer (or a Converse stream's pieces) in Anthropic's message shape, for the models the
// Messages API reaches through Converse: content blocks, stop reason and usage as Anthropic names them.
import { randomUUID } from 'node:crypto';
import type { ContentBlock, ConverseCommandOutput, StopReason } from '@aws-sdk/client-bedrock-runtime';
import { tokenUsageFromBedrock, type TokenUsage } from '../pricing/token-usage';
import type { AnthropicBody } from './anthropic-body';

export function anthropicMessageId(): string {
  return `msg_bdrk_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

export function anthropicStopReason(stopReason: StopReason | string | undefined): string {
  switch (stopReason) {
    case 'tool_use':
    case 'max_tokens':
    case 'stop_sequence':
    case 'model_context_window_exceeded':
      return stopReason;
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'refusal';
    default:
      return 'end_turn';
  }
}

export function anthropicUsage(usage: TokenUsage): AnthropicBody {
  return {
    input_tokens: usage.inputTokens,
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
  };
}

export function fromConverseToAnthropic(
  output: ConverseCommandOutput,
  model: string,
): { message: AnthropicBody; usage: TokenUsage } {
  const usage = tokenUsageFromBedrock(output.usage);
  const content = (output.output?.message?.content ?? []).flatMap(anthropicBlock);
  return {
    message: {
      id: anthropicMessageId(),
      type: 'message',
      role: 'assistant',
      model,
      content,
      stop_reason: anthropicStopReason(output.stopReason),
      stop_sequence: null,
      usage: anthropicUsage(usage),
    },
    usage,
  };
}

function anthropicBlock(block: ContentBlock): AnthropicBody[] {
  if (block.text !== undefined) return [{ type: 'text', text: block.text }];
  if (block.toolUse)
    return [
      {
        type: 'tool_use',
        id: block.toolUse.toolUseId,
        name: block.toolUse.name,
        input: block.toolUse.input ?? {},
      },
    ];
  const reasoning = block.reasoningContent;
  if (reasoning?.reasoningText)
    return [
      {
        type: 'thinking',
        thinking: reasoning.reasoningText.text ?? '',
        signature: reasoning.reasoningText.signature ?? '',
      },
    ];
  if (reasoning?.redactedContent)
    return [{ type: 'redacted_thinking', data: Buffer.from(reasoning.redactedContent).toString('base64') }];
  return [];
}
