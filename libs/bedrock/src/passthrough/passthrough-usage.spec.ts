import { EventStreamCodec } from '@smithy/eventstream-codec';
import { encodeEventFrame } from '@quarry/testing';
import { EventStreamUsage, usageFromBody, usageFromHeaders } from './passthrough-usage';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const chunk = (value: unknown) =>
  encodeEventFrame('event', 'chunk', { bytes: json(value).toString('base64') });

describe('passthrough usage', () => {
  it('reads Converse bodies, InvokeModel headers and native bodies', () => {
    expect(
      usageFromBody(
        'converse',
        json({ usage: { inputTokens: 5, outputTokens: 2, cacheReadInputTokens: 3 } }),
      ),
    ).toEqual({ inputTokens: 5, outputTokens: 2, cacheReadTokens: 3, cacheWriteTokens: 0 });
    expect(
      usageFromHeaders({
        'x-amzn-bedrock-input-token-count': '9',
        'x-amzn-bedrock-output-token-count': '4',
        'x-amzn-bedrock-cache-write-input-token-count': '2',
      }),
    ).toEqual({ inputTokens: 9, outputTokens: 4, cacheReadTokens: 0, cacheWriteTokens: 2 });
    expect(usageFromHeaders({})).toBeUndefined();
    expect(
      usageFromBody(
        'invoke',
        json({ usage: { input_tokens: 7, output_tokens: 1, cache_read_input_tokens: 2 } }),
      ),
    ).toEqual({ inputTokens: 7, outputTokens: 1, cacheReadTokens: 2, cacheWriteTokens: 0 });
    expect(usageFromBody('invoke', json({ prompt_token_count: 3, generation_token_count: 8 }))).toMatchObject(
      {
        inputTokens: 3,
        outputTokens: 8,
      },
    );
    expect(usageFromBody('converse', Buffer.from('not json'))).toBeUndefined();
  });

  it('takes ConverseStream usage from the metadata event, whatever comes before it', () => {
    const usage = new EventStreamUsage('converse-stream');
    usage.observe(encodeEventFrame('event', 'messageStart', { role: 'assistant' }));
    usage.observe(encodeEventFrame('event', 'contentBlockDelta', { delta: { text: '"usage"' } }));
    expect(usage.result).toBeUndefined();
    usage.observe(encodeEventFrame('event', 'metadata', { usage: { inputTokens: 11, outputTokens: 6 } }));
    expect(usage.result).toMatchObject({ inputTokens: 11, outputTokens: 6 });
  });

  it('takes InvokeModelWithResponseStream usage from the invocation metrics of the last chunk', () => {
    const usage = new EventStreamUsage('invoke-stream');
    usage.observe(chunk({ type: 'content_block_delta', delta: { text: 'hi' } }));
    usage.observe(
      chunk({
        type: 'message_stop',
        'amazon-bedrock-invocationMetrics': {
          inputTokenCount: 12,
          outputTokenCount: 3,
          cacheReadInputTokenCount: 4,
        },
      }),
    );
    expect(usage.result).toEqual({
      inputTokens: 12,
      outputTokens: 3,
      cacheReadTokens: 4,
      cacheWriteTokens: 0,
    });
  });

  it('sums the model invocations of an agent’s trace', () => {
    const usage = new EventStreamUsage('agent');
    const step = (inputTokens: number, outputTokens: number) =>
      encodeEventFrame('event', 'trace', {
        trace: {
          orchestrationTrace: {
            modelInvocationOutput: { metadata: { usage: { inputTokens, outputTokens } } },
          },
        },
      });
    usage.observe(step(100, 20));
    usage.observe(encodeEventFrame('event', 'chunk', { bytes: 'aGk=' }));
    usage.observe(step(50, 5));
    expect(usage.result).toMatchObject({ inputTokens: 150, outputTokens: 25 });
  });

  it('reads messages whose headers hold other value types, and ignores what it cannot read', () => {
    const codec = new EventStreamCodec(
      (bytes) => Buffer.from(bytes).toString('utf8'),
      (text) => Buffer.from(text, 'utf8'),
    );
    const message = codec.encode({
      headers: {
        flag: { type: 'boolean', value: true },
        count: { type: 'integer', value: 7 },
        id: { type: 'uuid', value: '0a1b2c3d-0000-4000-8000-000000000000' },
        ':event-type': { type: 'string', value: 'metadata' },
      },
      body: json({ usage: { inputTokens: 2, outputTokens: 1 } }),
    });
    const usage = new EventStreamUsage('converse-stream');
    usage.observe(new Uint8Array(10));
    usage.observe(message);
    expect(usage.result).toMatchObject({ inputTokens: 2, outputTokens: 1 });
  });
});
