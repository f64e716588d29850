// Anthropic Claude on InvokeModel: Messages API responses and stream events (message_start …
// message_stop), with thinking, tool_use and cache usage fields.
import type { FoundationModel } from '../../catalogue/foundation-model';
import type { Conversation, ModelOutcome } from '../../model/conversation';
import { countTextTokens } from '../../model/prompt-tokens';
import { jsonFragments, textDeltas } from '../../model/text-chunks';
import type { JsonRecord } from '../../service-support/request-body';
import { parseAnthropicRequest } from './anthropic-request';
import { shortHash, type NativeChunk, type TextFamily } from './text-family';

function anthropicModelName(model: FoundationModel): string {
  return model.modelId.replace(/^anthropic\./, '').replace(/-v\d+(:\d+)?$/, '');
}

function stopReason(outcome: ModelOutcome): string {
  return outcome.stopReason === 'guardrail_intervened' ? 'end_turn' : outcome.stopReason;
}

function usage(outcome: ModelOutcome): JsonRecord {
  return {
    input_tokens: outcome.usage.inputTokens,
    output_tokens: outcome.usage.outputTokens,
    cache_creation_input_tokens: outcome.usage.cacheWriteInputTokens,
    cache_read_input_tokens: outcome.usage.cacheReadInputTokens,
  };
}

function messageId(outcome: ModelOutcome): string {
  return `msg_bdrk_01${shortHash(outcome.text + outcome.toolUses.map((toolUse) => toolUse.id).join())}`;
}

export const anthropicFamily: TextFamily = {
  toolIdPrefix: 'toolu_bdrk_01',
  parse: (body) => parseAnthropicRequest(body),

  render(outcome: ModelOutcome, model: FoundationModel): JsonRecord {
    const content: JsonRecord[] = [];
    if (outcome.reasoning) {
      content.push({
        type: 'thinking',
        thinking: outcome.reasoning.text,
        signature: outcome.reasoning.signature,
      });
    }
    if (outcome.text || outcome.toolUses.length === 0) content.push({ type: 'text', text: outcome.text });
    for (const toolUse of outcome.toolUses) {
      content.push({ type: 'tool_use', id: toolUse.id, name: toolUse.name, input: toolUse.input });
    }
    return {
      id: messageId(outcome),
      type: 'message',
      role: 'assistant',
      model: anthropicModelName(model),
      content,
      stop_reason: stopReason(outcome),
      stop_sequence: outcome.stopSequence ?? null,
      usage: usage(outcome),
    };
  },

  streamChunks(outcome: ModelOutcome, model: FoundationModel, _conversation: Conversation): NativeChunk[] {
    const chunks: NativeChunk[] = [];
    const push = (chunk: JsonRecord, tokens = 0) => chunks.push({ chunk, tokens });
    push({
      type: 'message_start',
      message: {
        id: messageId(outcome),
        type: 'message',
        role: 'assistant',
        model: anthropicModelName(model),
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage(outcome), output_tokens: 1 },
      },
    });
    let index = 0;
    if (outcome.reasoning) {
      push({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '' } });
      for (const piece of textDeltas(outcome.reasoning.text)) {
        push(
          { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: piece } },
          countTextTokens(piece),
        );
      }
      push({
        type: 'content_block_delta',
        index,
        delta: { type: 'signature_delta', signature: outcome.reasoning.signature },
      });
      push({ type: 'content_block_stop', index: index++ });
    }
    if (outcome.text || outcome.toolUses.length === 0) {
      push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      for (const piece of textDeltas(outcome.text)) {
        push(
          { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } },
          countTextTokens(piece),
        );
      }
      push({ type: 'content_block_stop', index: index++ });
    }
    for (const toolUse of outcome.toolUses) {
      push({
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: toolUse.id, name: toolUse.name, input: {} },
      });
      for (const fragment of jsonFragments(JSON.stringify(toolUse.input))) {
        push(
          { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: fragment } },
          countTextTokens(fragment),
        );
      }
      push({ type: 'content_block_stop', index: index++ });
    }
    push({
      type: 'message_delta',
      delta: { stop_reason: stopReason(outcome), stop_sequence: outcome.stopSequence ?? null },
      usage: { output_tokens: outcome.usage.outputTokens },
    });
    push({ type: 'message_stop' });
    return chunks;
  },
};
