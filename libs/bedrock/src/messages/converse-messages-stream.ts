// ConverseStream events as Anthropic's stream events, for the models the Messages API reaches through
// Converse: message_start and a ping first, each content block opened, delta'd and closed in order
// (text, thinking with its signature, tool input as input_json_delta), then message_delta with the stop
// reason and usage and message_stop once the stream has ended (Converse reports usage last).
import type { ContentBlockDelta, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { tokenUsageFromBedrock, type TokenUsage } from '../pricing/token-usage';
import type { AnthropicBody } from './anthropic-body';
import { anthropicMessageId, anthropicStopReason, anthropicUsage } from './converse-messages-answer';

export class ConverseToAnthropicStream {
  private readonly indexes = new Map<number, number>();
  private open: number | undefined;
  private stopReason: string | undefined;
  usage: TokenUsage | undefined;

  constructor(private readonly model: string) {}

  translate(event: ConverseStreamOutput): AnthropicBody[] {
    if (event.messageStart) return this.start();
    if (event.contentBlockStart?.start?.toolUse) {
      const { toolUseId, name } = event.contentBlockStart.start.toolUse;
      return this.openBlock(event.contentBlockStart.contentBlockIndex ?? 0, {
        type: 'tool_use',
        id: toolUseId,
        name,
        input: {},
      });
    }
    if (event.contentBlockDelta) return this.delta(event.contentBlockDelta);
    if (event.contentBlockStop) return this.closeBlock();
    if (event.messageStop) this.stopReason = anthropicStopReason(event.messageStop.stopReason);
    if (event.metadata) this.usage = tokenUsageFromBedrock(event.metadata.usage);
    return [];
  }

  /** The closing events, once the Converse stream has ended. */
  finish(): AnthropicBody[] {
    return [
      ...this.closeBlock(),
      {
        type: 'message_delta',
        delta: { stop_reason: this.stopReason ?? 'end_turn', stop_sequence: null },
        usage: anthropicUsage(this.usage ?? tokenUsageFromBedrock(undefined)),
      },
      { type: 'message_stop' },
    ];
  }

  private start(): AnthropicBody[] {
    return [
      {
        type: 'message_start',
        message: {
          id: anthropicMessageId(),
          type: 'message',
          role: 'assistant',
          model: this.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 0, output_tokens: 0 },
        },
      },
      { type: 'ping' },
    ];
  }

  private delta(event: NonNullable<ConverseStreamOutput['contentBlockDelta']>): AnthropicBody[] {
    const at = event.contentBlockIndex ?? 0;
    const delta: ContentBlockDelta = event.delta ?? ({} as ContentBlockDelta);
    if (delta.text !== undefined)
      return this.deltaIn(at, { type: 'text', text: '' }, { type: 'text_delta', text: delta.text });
    if (delta.toolUse)
      return this.deltaIn(at, undefined, {
        type: 'input_json_delta',
        partial_json: delta.toolUse.input ?? '',
      });
    const reasoning = delta.reasoningContent;
    if (reasoning?.text !== undefined)
      return this.deltaIn(at, THINKING, { type: 'thinking_delta', thinking: reasoning.text });
    if (reasoning?.signature !== undefined)
      return this.deltaIn(at, THINKING, { type: 'signature_delta', signature: reasoning.signature });
    return [];
  }

  /** A delta at Converse's block `at`, opening the block first when Converse did not (text, thinking). */
  private deltaIn(at: number, block: AnthropicBody | undefined, delta: AnthropicBody): AnthropicBody[] {
    const opened = this.indexes.has(at) || !block ? [] : this.openBlock(at, block);
    return [...opened, { type: 'content_block_delta', index: this.indexes.get(at) ?? this.open ?? 0, delta }];
  }

  private openBlock(at: number, block: AnthropicBody): AnthropicBody[] {
    const closed = this.closeBlock();
    const index = this.indexes.size;
    this.indexes.set(at, index);
    this.open = index;
    return [...closed, { type: 'content_block_start', index, content_block: block }];
  }

  private closeBlock(): AnthropicBody[] {
    if (this.open === undefined) return [];
    const index = this.open;
    this.open = undefined;
    return [{ type: 'content_block_stop', index }];
  }
}

const THINKING = { type: 'thinking', thinking: '', signature: '' };
