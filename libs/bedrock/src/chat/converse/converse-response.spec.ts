import type { ConverseCommandOutput, StopReason } from '@aws-sdk/client-bedrock-runtime';
import { fromConverseResponse } from './converse-response';
import {
  contextWith,
  converseText,
  converseWithReasoningTextAndTool,
  meta,
} from './__fixtures__/converse-fixtures';

describe('fromConverseResponse', () => {
  it('returns text, the tool call with the client name, reasoning with its signature, and usage', () => {
    const context = contextWith({ toolNames: new Map([['get_weather', 'get.weather']]) });
    const { completion, usage } = fromConverseResponse(converseWithReasoningTextAndTool, {
      ...meta,
      context,
    });

    expect(completion).toEqual({
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: meta.created,
      model: 'claude-sonnet',
      system_fingerprint: null,
      choices: [
        {
          index: 0,
          logprobs: null,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: 'It looks like a PNG header.',
            refusal: null,
            tool_calls: [
              {
                id: 'tooluse_abc',
                type: 'function',
                function: { name: 'get.weather', arguments: '{"city":"Paris"}' },
              },
            ],
            reasoning_content: 'The user wants weather.',
            thinking_blocks: [
              { type: 'thinking', thinking: 'The user wants weather.', signature: 'sig-abc' },
            ],
          },
        },
      ],
      usage: {
        prompt_tokens: 12,
        completion_tokens: 5,
        total_tokens: 17,
        prompt_tokens_details: { cached_tokens: 0 },
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
      },
    });
    expect(usage).toEqual({ inputTokens: 12, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0 });
  });

  it.each<[StopReason | string, string]>([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['guardrail_intervened', 'content_filter'],
    ['content_filtered', 'content_filter'],
    ['malformed_model_output', 'stop'],
    ['malformed_tool_use', 'stop'],
    ['a_reason_added_next_year', 'stop'],
  ])('maps stopReason %s to finish_reason %s', (stopReason, finishReason) => {
    const { completion } = fromConverseResponse(converseText('Hi', stopReason), {
      ...meta,
      context: contextWith(),
    });
    expect(completion.choices[0].finish_reason).toBe(finishReason);
    expect(completion.choices[0].message.content).toBe('Hi');
  });

  it('maps tool_use to tool_calls and keeps several calls in order with their ids', () => {
    const output: ConverseCommandOutput = {
      ...converseText('', 'tool_use'),
      output: {
        message: {
          role: 'assistant',
          content: [
            { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } },
            { toolUse: { toolUseId: 'tooluse_2', name: 'get_time', input: {} } },
          ],
        },
      },
    };
    const { completion } = fromConverseResponse(output, { ...meta, context: contextWith() });
    const message = completion.choices[0].message;
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    expect(message.content).toBeNull();
    expect(message.tool_calls).toEqual([
      { id: 'tooluse_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { id: 'tooluse_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
    ]);
  });

  it('concatenates text blocks and the text of citation blocks', () => {
    const output: ConverseCommandOutput = {
      ...converseText('', 'end_turn'),
      output: {
        message: {
          role: 'assistant',
          content: [
            { text: 'Paris is ' },
            { citationsContent: { content: [{ text: 'the capital' }], citations: [] } },
            { text: ' of France.' },
          ],
        },
      },
    };
    const { completion } = fromConverseResponse(output, { ...meta, context: contextWith() });
    expect(completion.choices[0].message.content).toBe('Paris is the capital of France.');
  });

  it('returns redacted reasoning as a base64 redacted_thinking block', () => {
    const secret = new Uint8Array([1, 2, 3, 250]);
    const output: ConverseCommandOutput = {
      ...converseText('', 'end_turn'),
      output: {
        message: {
          role: 'assistant',
          content: [
            { reasoningContent: { redactedContent: secret } },
            { reasoningContent: { reasoningText: { text: 'visible', signature: 's2' } } },
            { text: 'Answer' },
          ],
        },
      },
    };
    const { completion } = fromConverseResponse(output, { ...meta, context: contextWith() });
    const message = completion.choices[0].message;
    expect(message.thinking_blocks).toEqual([
      { type: 'redacted_thinking', data: Buffer.from(secret).toString('base64') },
      { type: 'thinking', thinking: 'visible', signature: 's2' },
    ]);
    expect(message.reasoning_content).toBe('visible');
    expect(message.content).toBe('Answer');
  });

  it('returns unsigned reasoning (non-Anthropic models) as reasoning_content only', () => {
    const output: ConverseCommandOutput = {
      ...converseText('', 'end_turn'),
      output: {
        message: {
          role: 'assistant',
          content: [{ reasoningContent: { reasoningText: { text: 'hmm' } } }, { text: '42' }],
        },
      },
    };
    const { completion } = fromConverseResponse(output, { ...meta, context: contextWith() });
    expect(completion.choices[0].message.reasoning_content).toBe('hmm');
    expect(completion.choices[0].message.thinking_blocks).toBeUndefined();
  });

  it('in JSON tool mode returns the forced tool input as content, no tool calls, finish_reason stop', () => {
    const output: ConverseCommandOutput = {
      ...converseText('', 'tool_use'),
      output: {
        message: {
          role: 'assistant',
          content: [
            { text: 'Here you go:' },
            {
              toolUse: { toolUseId: 'tooluse_json', name: 'json_tool_call', input: { name: 'Ada', age: 36 } },
            },
          ],
        },
      },
    };
    const context = contextWith({ jsonMode: { kind: 'tool', toolName: 'json_tool_call' } });
    const { completion } = fromConverseResponse(output, { ...meta, context });
    const choice = completion.choices[0];
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.tool_calls).toBeUndefined();
    expect(JSON.parse(choice.message.content ?? '')).toEqual({ name: 'Ada', age: 36 });
  });

  it('in JSON tool mode keeps the text when the model never called the forced tool', () => {
    const context = contextWith({ jsonMode: { kind: 'tool', toolName: 'json_tool_call' } });
    const { completion } = fromConverseResponse(converseText('{"a":1}', 'end_turn'), { ...meta, context });
    expect(completion.choices[0].message.content).toBe('{"a":1}');
  });

  it('leaves out tool uses that Bedrock ran itself (server tools)', () => {
    const output: ConverseCommandOutput = {
      ...converseText('', 'end_turn'),
      output: {
        message: {
          role: 'assistant',
          content: [
            {
              toolUse: { toolUseId: 'srv_1', name: 'web_search', input: { q: 'x' }, type: 'server_tool_use' },
            },
            { text: 'Found it.' },
          ],
        },
      },
    };
    const { completion } = fromConverseResponse(output, { ...meta, context: contextWith() });
    expect(completion.choices[0].message.tool_calls).toBeUndefined();
    expect(completion.choices[0].message.content).toBe('Found it.');
  });

  it('counts cache reads and writes in prompt_tokens and reports them separately', () => {
    const output: ConverseCommandOutput = {
      ...converseText('ok', 'end_turn'),
      usage: {
        inputTokens: 10,
        outputTokens: 7,
        totalTokens: 1517,
        cacheReadInputTokens: 1000,
        cacheWriteInputTokens: 500,
      },
    };
    const { completion, usage } = fromConverseResponse(output, { ...meta, context: contextWith() });
    expect(usage).toEqual({ inputTokens: 10, outputTokens: 7, cacheReadTokens: 1000, cacheWriteTokens: 500 });
    expect(completion.usage).toEqual({
      prompt_tokens: 1510,
      completion_tokens: 7,
      total_tokens: 1517,
      prompt_tokens_details: { cached_tokens: 1000 },
      cache_creation_input_tokens: 500,
      cache_read_input_tokens: 1000,
    });
  });

  it('tolerates a response without output or usage', () => {
    const output = { $metadata: {}, stopReason: 'end_turn' } as unknown as ConverseCommandOutput;
    const { completion, usage } = fromConverseResponse(output, { ...meta, context: contextWith() });
    expect(completion.choices[0].message.content).toBe('');
    expect(usage).toEqual({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });
  });
});

describe('guardrail trace', () => {
  it("returns Bedrock's trace.guardrail in the body's trace field, and no trace when Bedrock sent none", () => {
    const guardrail = { actionReason: 'No action.', inputAssessment: { 'gr-1': {} } };
    const traced = fromConverseResponse(
      { ...converseText('ok', 'end_turn'), trace: { guardrail } } as ConverseCommandOutput,
      { ...meta, context: contextWith() },
    );
    expect(traced.completion.trace).toEqual({ guardrail });
    const plain = fromConverseResponse(converseText('ok', 'end_turn'), { ...meta, context: contextWith() });
    expect(plain.completion).not.toHaveProperty('trace');
  });
});
