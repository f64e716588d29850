import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { ConverseToAnthropicStream } from './converse-messages-stream';

function translateAll(events: ConverseStreamOutput[]) {
  const stream = new ConverseToAnthropicStream('nova-lite');
  return [...events.flatMap((event) => stream.translate(event)), ...stream.finish()];
}

describe('ConverseToAnthropicStream', () => {
  it('opens, fills and closes each block in order, numbering Anthropic’s blocks from 0', () => {
    const events = translateAll([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'hmm' } } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'sig' } } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'Hi' } } },
      { contentBlockStop: { contentBlockIndex: 1 } },
      {
        contentBlockStart: {
          contentBlockIndex: 3,
          start: { toolUse: { toolUseId: 't1', name: 'get_weather' } },
        },
      },
      { contentBlockDelta: { contentBlockIndex: 3, delta: { toolUse: { input: '{"city":' } } } },
      { contentBlockDelta: { contentBlockIndex: 3, delta: { toolUse: { input: '"Paris"}' } } } },
      { contentBlockStop: { contentBlockIndex: 3 } },
      { messageStop: { stopReason: 'tool_use' } },
      { metadata: { usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 }, metrics: undefined } },
    ]);
    expect(events.map((event) => [event.type, event.index ?? null])).toEqual([
      ['message_start', null],
      ['ping', null],
      ['content_block_start', 0],
      ['content_block_delta', 0],
      ['content_block_delta', 0],
      ['content_block_stop', 0],
      ['content_block_start', 1],
      ['content_block_delta', 1],
      ['content_block_stop', 1],
      ['content_block_start', 2],
      ['content_block_delta', 2],
      ['content_block_delta', 2],
      ['content_block_stop', 2],
      ['message_delta', null],
      ['message_stop', null],
    ]);
    expect(events[4]).toMatchObject({ delta: { type: 'signature_delta', signature: 'sig' } });
    expect(events[9]).toMatchObject({ content_block: { type: 'tool_use', id: 't1', name: 'get_weather' } });
    expect(events[13]).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: {
        input_tokens: 10,
        output_tokens: 5,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
  });

  it('closes a block Converse left open before the message ends', () => {
    const events = translateAll([
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } },
      { messageStop: { stopReason: 'max_tokens' } },
    ]);
    expect(events.map((event) => event.type).slice(-3)).toEqual([
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: 'max_tokens' } });
  });
});
