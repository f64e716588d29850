import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import type { ChatCompletionChunk } from '@quarry/openai';
import { SSE_DONE, toSseLine } from '../sse-line';
import { ConverseStreamTranslator, type ConverseStreamMeta } from './converse-stream';
import {
  contextWith,
  meta,
  streamWithReasoningTextAndTool,
  textStream,
} from './__fixtures__/converse-fixtures';

function translateAll(events: ConverseStreamOutput[], streamMeta: ConverseStreamMeta) {
  const translator = new ConverseStreamTranslator(streamMeta);
  const chunks: ChatCompletionChunk[] = [];
  for (const event of events) chunks.push(...translator.translate(event));
  chunks.push(...translator.finish());
  return { translator, chunks };
}

const deltas = (chunks: ChatCompletionChunk[]) => chunks.map((chunk) => chunk.choices[0]?.delta);
const finishChunks = (chunks: ChatCompletionChunk[]) =>
  chunks.filter((chunk) => chunk.choices.some((choice) => choice.finish_reason !== null));

describe('ConverseStreamTranslator', () => {
  it('turns the §2.2 event sequence into exactly the chunks OpenAI sends, usage last when asked', () => {
    const context = contextWith({ toolNames: new Map([['get_weather', 'get.weather']]) });
    const { chunks, translator } = translateAll(streamWithReasoningTextAndTool, {
      ...meta,
      context,
      includeUsage: true,
    });

    const base = {
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: meta.created,
      model: 'claude-sonnet',
      system_fingerprint: null,
      usage: null,
    };
    const choice = (delta: object, finish_reason: string | null = null) => ({
      ...base,
      choices: [{ index: 0, delta, finish_reason, logprobs: null }],
    });
    expect(chunks).toEqual([
      choice({ role: 'assistant', content: '' }),
      choice({ reasoning_content: 'thinking...' }),
      choice({ reasoning_content: ' done' }),
      choice({ thinking_blocks: [{ type: 'thinking', thinking: 'thinking... done', signature: 'sig123' }] }),
      choice({ content: 'Hello' }),
      choice({ content: ', checking.' }),
      choice({
        tool_calls: [
          { index: 0, id: 'tooluse_abc', type: 'function', function: { name: 'get.weather', arguments: '' } },
        ],
      }),
      choice({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      choice({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      choice({}, 'tool_calls'),
      {
        ...base,
        choices: [],
        usage: {
          prompt_tokens: 10,
          completion_tokens: 20,
          total_tokens: 30,
          prompt_tokens_details: { cached_tokens: 0 },
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
        },
      },
    ]);
    expect(translator.usage).toEqual({
      inputTokens: 10,
      outputTokens: 20,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
    expect(translator.finishChunkSent).toBe(true);
    expect(translator.finishReason).toBe('tool_calls');
  });

  it('sends no usage chunk (and no usage field) unless the client asked, but still records usage', () => {
    const { chunks, translator } = translateAll(textStream(['Hi', ' there']), {
      ...meta,
      context: contextWith(),
      includeUsage: false,
    });
    expect(chunks.every((chunk) => chunk.choices.length === 1 && !('usage' in chunk))).toBe(true);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Hi' },
      { content: ' there' },
      {},
    ]);
    expect(translator.usage.inputTokens).toBe(5);
    expect(translator.usageReceived).toBe(true);
  });

  it('emits exactly one finish chunk, as the last choice chunk, even if finish() is called after messageStop', () => {
    const { chunks } = translateAll(textStream(['a', 'b', 'c'], 'max_tokens'), {
      ...meta,
      context: contextWith(),
      includeUsage: true,
    });
    const finishing = finishChunks(chunks);
    expect(finishing).toHaveLength(1);
    expect(finishing[0].choices[0].finish_reason).toBe('length');
    const choiceChunks = chunks.filter((chunk) => chunk.choices.length > 0);
    expect(choiceChunks[choiceChunks.length - 1]).toBe(finishing[0]);
    expect(chunks[chunks.length - 1].choices).toEqual([]);
  });

  it('streams every text delta as its own chunk, untouched, also the first one after reasoning', () => {
    const events: ConverseStreamOutput[] = [
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Let me think' } } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'sig' } } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'The answer' } } },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { text: ' is 4.' } } },
      { messageStop: { stopReason: 'end_turn' } },
    ];
    const { chunks } = translateAll(events, { ...meta, context: contextWith(), includeUsage: false });
    const text = deltas(chunks)
      .map((delta) => delta?.content ?? '')
      .join('');
    expect(text).toBe('The answer is 4.');
    expect(deltas(chunks).filter((delta) => delta?.content === 'The answer')).toHaveLength(1);
  });

  it('numbers two tool calls 0 and 1 and routes argument fragments to the right call', () => {
    const events: ConverseStreamOutput[] = [
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Checking both.' } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      {
        contentBlockStart: {
          contentBlockIndex: 1,
          start: { toolUse: { toolUseId: 'tooluse_a', name: 'get_weather' } },
        },
      },
      { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '{"city":"Paris"}' } } } },
      { contentBlockStop: { contentBlockIndex: 1 } },
      {
        contentBlockStart: {
          contentBlockIndex: 2,
          start: { toolUse: { toolUseId: 'tooluse_b', name: 'get_time' } },
        },
      },
      { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '{"tz":' } } } },
      { contentBlockDelta: { contentBlockIndex: 2, delta: { toolUse: { input: '"CET"}' } } } },
      { contentBlockStop: { contentBlockIndex: 2 } },
      { messageStop: { stopReason: 'tool_use' } },
    ];
    const { chunks } = translateAll(events, { ...meta, context: contextWith(), includeUsage: false });
    const toolDeltas = deltas(chunks).flatMap((delta) => delta?.tool_calls ?? []);
    expect(toolDeltas).toEqual([
      { index: 0, id: 'tooluse_a', type: 'function', function: { name: 'get_weather', arguments: '' } },
      { index: 0, function: { arguments: '{"city":"Paris"}' } },
      { index: 1, id: 'tooluse_b', type: 'function', function: { name: 'get_time', arguments: '' } },
      { index: 1, function: { arguments: '{"tz":' } },
      { index: 1, function: { arguments: '"CET"}' } },
    ]);
    expect(finishChunks(chunks)[0].choices[0].finish_reason).toBe('tool_calls');
  });

  it('in JSON tool mode streams the forced tool input as content and finishes with stop', () => {
    const events: ConverseStreamOutput[] = [
      { messageStart: { role: 'assistant' } },
      {
        contentBlockStart: {
          contentBlockIndex: 0,
          start: { toolUse: { toolUseId: 'tooluse_j', name: 'json_tool_call' } },
        },
      },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '{"name":' } } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '"Ada"}' } } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: 'tool_use' } },
    ];
    const context = contextWith({ jsonMode: { kind: 'tool', toolName: 'json_tool_call' } });
    const { chunks } = translateAll(events, { ...meta, context, includeUsage: false });
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '' },
      { content: '{"name":' },
      { content: '"Ada"}' },
      {},
    ]);
    expect(finishChunks(chunks)[0].choices[0].finish_reason).toBe('stop');
  });

  it('in JSON tool mode sends held-back text once when the model answered without the tool', () => {
    const context = contextWith({ jsonMode: { kind: 'tool', toolName: 'json_tool_call' } });
    const { chunks } = translateAll(textStream(['{"a":', '1}']), { ...meta, context, includeUsage: false });
    expect(deltas(chunks)).toEqual([{ role: 'assistant', content: '' }, { content: '{"a":1}' }, {}]);
  });

  it('streams redacted reasoning as a redacted_thinking block', () => {
    const events: ConverseStreamOutput[] = [
      { messageStart: { role: 'assistant' } },
      {
        contentBlockDelta: {
          contentBlockIndex: 0,
          delta: { reasoningContent: { redactedContent: new Uint8Array([104, 105]) } },
        },
      },
      { messageStop: { stopReason: 'end_turn' } },
    ];
    const { chunks } = translateAll(events, { ...meta, context: contextWith(), includeUsage: false });
    expect(deltas(chunks)[1]).toEqual({ thinking_blocks: [{ type: 'redacted_thinking', data: 'aGk=' }] });
  });

  it('keeps thinking text per block when two reasoning blocks are interleaved with tools', () => {
    const events: ConverseStreamOutput[] = [
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { text: 'first' } } } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { reasoningContent: { signature: 's1' } } } },
      { contentBlockDelta: { contentBlockIndex: 2, delta: { reasoningContent: { text: 'second' } } } },
      { contentBlockDelta: { contentBlockIndex: 2, delta: { reasoningContent: { signature: 's2' } } } },
    ];
    const { chunks } = translateAll(events, { ...meta, context: contextWith(), includeUsage: false });
    const blocks = deltas(chunks).flatMap((delta) => delta?.thinking_blocks ?? []);
    expect(blocks).toEqual([
      { type: 'thinking', thinking: 'first', signature: 's1' },
      { type: 'thinking', thinking: 'second', signature: 's2' },
    ]);
    // No messageStart came: the first chunk still names the role.
    expect(deltas(chunks)[0]?.role).toBe('assistant');
  });

  it('finish() closes a stream that ended without messageStop with a single stop chunk and no usage', () => {
    const events = textStream(['partial']).slice(0, 2);
    const { chunks, translator } = translateAll(events, {
      ...meta,
      context: contextWith(),
      includeUsage: true,
    });
    expect(finishChunks(chunks)).toHaveLength(1);
    expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe('stop');
    expect(translator.usageReceived).toBe(false);
  });

  it('puts usage after the finish chunk even if metadata arrives before messageStop', () => {
    const events: ConverseStreamOutput[] = [
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'x' } } },
      { metadata: { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, metrics: { latencyMs: 1 } } },
      { messageStop: { stopReason: 'end_turn' } },
    ];
    const { chunks } = translateAll(events, { ...meta, context: contextWith(), includeUsage: true });
    expect(
      chunks.map((chunk) =>
        chunk.choices.length === 0 ? 'usage' : (chunk.choices[0].finish_reason ?? 'delta'),
      ),
    ).toEqual(['delta', 'delta', 'stop', 'usage']);
  });

  it('ignores events it does not know and deltas after the finish chunk', () => {
    const translator = new ConverseStreamTranslator({ ...meta, context: contextWith(), includeUsage: false });
    translator.translate({ messageStart: { role: 'assistant' } });
    expect(translator.translate({ $unknown: ['someFutureEvent', {}] } as ConverseStreamOutput)).toEqual([]);
    translator.translate({ messageStop: { stopReason: 'end_turn' } });
    expect(
      translator.translate({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'late' } } }),
    ).toEqual([]);
    expect(translator.finish()).toEqual([]);
  });

  it('throws a stream exception that arrives as an event instead of dropping it', () => {
    const translator = new ConverseStreamTranslator({ ...meta, context: contextWith(), includeUsage: false });
    const failure = Object.assign(new Error('mid-stream failure'), { name: 'ModelStreamErrorException' });
    expect(() =>
      translator.translate({ modelStreamErrorException: failure } as unknown as ConverseStreamOutput),
    ).toThrow('mid-stream failure');
  });
});

describe('SSE framing', () => {
  it('frames a chunk as a data line and ends with [DONE]', () => {
    const chunk = new ConverseStreamTranslator({
      ...meta,
      context: contextWith(),
      includeUsage: false,
    }).translate({
      messageStart: { role: 'assistant' },
    })[0];
    expect(toSseLine(chunk)).toBe(`data: ${JSON.stringify(chunk)}\n\n`);
    expect(SSE_DONE).toBe('data: [DONE]\n\n');
  });
});

describe('ConverseStreamTranslator service tier', () => {
  it('records the tier asked for with the usage, also before metadata arrives', () => {
    const translator = new ConverseStreamTranslator({
      ...meta,
      context: contextWith({ serviceTier: 'priority' }),
      includeUsage: false,
    });
    expect(translator.usage.serviceTier).toBe('priority');
    const { translator: finished } = translateAll(textStream(['Hi']), {
      ...meta,
      context: contextWith({ serviceTier: 'flex' }),
      includeUsage: true,
    });
    expect(finished.usage).toMatchObject({ inputTokens: 5, serviceTier: 'flex' });
  });
});

describe('ConverseStreamTranslator guardrail trace', () => {
  const guardrail = { inputAssessment: { 'gr-1': {} }, actionReason: 'No action.' };
  const tracedStream = (): ConverseStreamOutput[] => {
    const events = textStream(['Hi']);
    const metadata = events.at(-1)!.metadata!;
    events[events.length - 1] = { metadata: { ...metadata, trace: { guardrail } } };
    return events;
  };
  const traced = (includeUsage: boolean) => ({
    ...meta,
    context: contextWith({ guardrailTrace: true }),
    includeUsage,
  });

  it('holds the finish chunk until metadata and puts the trace on it, usage still last', () => {
    const translator = new ConverseStreamTranslator(traced(true));
    const events = tracedStream();
    const messageStop = events.findIndex((event) => event.messageStop);
    for (const event of events.slice(0, messageStop)) translator.translate(event);
    expect(translator.translate(events[messageStop])).toEqual([]);
    const atMetadata = translator.translate(events.at(-1)!);
    expect(atMetadata.map((chunk) => chunk.choices[0]?.finish_reason ?? 'usage')).toEqual(['stop', 'usage']);
    expect(atMetadata[0].trace).toEqual({ guardrail });
    expect(atMetadata[0].provider_specific_fields).toEqual({ trace: { guardrail } });
    expect(atMetadata[1].trace).toBeUndefined();
    expect(translator.finish()).toEqual([]);
  });

  it('still sends the finish chunk, without a trace, when metadata never comes', () => {
    const translator = new ConverseStreamTranslator(traced(false));
    for (const event of tracedStream().slice(0, -1)) translator.translate(event);
    const [finish, ...rest] = translator.finish();
    expect(rest).toEqual([]);
    expect(finish.choices[0].finish_reason).toBe('stop');
    expect(finish.trace).toBeUndefined();
  });

  it('sends no trace field when no trace was asked for, even if Bedrock sent one', () => {
    const { chunks } = translateAll(tracedStream(), {
      ...meta,
      context: contextWith({}),
      includeUsage: false,
    });
    expect(chunks.some((chunk) => 'trace' in chunk || 'provider_specific_fields' in chunk)).toBe(false);
  });
});
