import { OpenAIError } from '../errors';
import { parseChatCompletionRequest } from './parse-chat-request';

function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'claude', messages: [{ role: 'user', content: 'Hi' }], ...overrides };
}

function rejection(input: unknown): OpenAIError {
  try {
    parseChatCompletionRequest(input);
  } catch (error) {
    expect(error).toBeInstanceOf(OpenAIError);
    return error as OpenAIError;
  }
  throw new Error('expected the request to be refused');
}

describe('parseChatCompletionRequest', () => {
  it('accepts a full, realistic request and returns it unchanged, unknown provider keys included', () => {
    const request = body({
      max_tokens: 512,
      max_completion_tokens: 256,
      temperature: 2,
      top_p: 0,
      n: 1,
      stop: ['END'],
      stream: true,
      stream_options: { include_usage: true },
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather',
            parameters: { type: 'object' },
            strict: true,
          },
          cache_control: { type: 'ephemeral', ttl: '1h' },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'w', schema: { type: 'object' }, strict: true },
      },
      reasoning_effort: 'medium',
      thinking: { type: 'enabled', budget_tokens: 2048 },
      user: 'u-1',
      seed: -3,
      logprobs: false,
      top_logprobs: 0,
      frequency_penalty: -2,
      presence_penalty: 2,
      logit_bias: { '50256': -100 },
      metadata: { anything: { nested: true } },
      drop_params: true,
      num_retries: 0,
      timeout: 30,
      tags: ['a'],
      fallbacks: ['other-model'],
      user_continue_message: { role: 'user', content: 'Go on' },
      top_k: 40,
      guardrailConfig: { guardrailIdentifier: 'g', guardrailVersion: '1' },
      messages: [
        {
          role: 'system',
          content: [{ type: 'text', text: 'Be brief', cache_control: { type: 'ephemeral' } }],
        },
        { role: 'developer', content: 'Use French' },
        {
          role: 'user',
          name: 'ann',
          content: [
            { type: 'text', text: 'Look' },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
            { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBE', filename: 'a.pdf' } },
            { type: 'guarded_text', text: 'check me' },
            { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          reasoning_content: 'thinking',
          thinking_blocks: [
            { type: 'thinking', thinking: 'hmm', signature: 'sig' },
            { type: 'redacted_thinking', data: 'abc=' },
          ],
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '21C' }] },
        { role: 'assistant', content: [{ type: 'refusal', refusal: 'No.' }] },
      ],
    });
    const snapshot = structuredClone(request);
    const parsed = parseChatCompletionRequest(request);
    expect(parsed).toBe(request);
    expect(parsed).toEqual(snapshot);
    expect(parsed.top_k).toBe(40);
  });

  it('accepts the image_url shorthand of LiteLLM (the URL string alone) as {url}', () => {
    const parsed = parseChatCompletionRequest(
      body({
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: 'https://example.com/dummy.pdf' }] },
        ],
      }),
    );
    expect((parsed.messages[0].content as any)[0].image_url).toEqual({
      url: 'https://example.com/dummy.pdf',
    });
  });

  it('refuses a user (end-user id) with a NUL character, naming user', () => {
    const error = rejection(body({ user: 'u\u0000x' }));
    expect(error.status).toBe(400);
    expect(error.param).toBe('user');
    expect(error.message).toContain('U+0000');
    expect(() => parseChatCompletionRequest(body({ user: 'user-42' }))).not.toThrow();
  });

  it('treats null as "not given" for optional fields', () => {
    expect(() =>
      parseChatCompletionRequest(
        body({
          max_tokens: null,
          temperature: null,
          tools: null,
          tool_choice: null,
          stop: null,
          response_format: null,
        }),
      ),
    ).not.toThrow();
  });

  it.each([
    [null, null, 'The request body must be a JSON object'],
    [[], null, 'The request body must be a JSON object'],
    [{ messages: [{ role: 'user', content: 'x' }] }, 'model', 'model must be a string'],
    [body({ model: '' }), 'model', 'model must not be empty'],
    [body({ messages: undefined }), 'messages', 'messages must be an array'],
    [body({ messages: [] }), 'messages', 'at least one message'],
    [body({ messages: ['hi'] }), 'messages[0]', 'messages[0] must be an object'],
    [body({ messages: [{ role: 'robot', content: 'x' }] }), 'messages[0].role', "got 'robot'"],
    [body({ messages: [{ content: 'x' }] }), 'messages[0].role', 'got undefined'],
    [
      body({ messages: [{ role: 'user' }] }),
      'messages[0].content',
      'must be a string or an array of content parts',
    ],
    [body({ messages: [{ role: 'user', content: 5 }] }), 'messages[0].content', 'got a number'],
    [
      body({ messages: [{ role: 'user', content: [{ text: 'x' }] }] }),
      'messages[0].content[0].type',
      'must be a string',
    ],
    [
      body({ messages: [{ role: 'user', content: [{ type: 'video', video: {} }] }] }),
      'messages[0].content[0].type',
      "'video' is not allowed in a user message",
    ],
    [
      body({ messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] }),
      'messages[0].content[0].type',
      'not allowed in a system message',
    ],
    [
      body({ messages: [{ role: 'user', content: [{ type: 'text', text: 5 }] }] }),
      'messages[0].content[0].text',
      'must be a string',
    ],
    [
      body({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: '' } }] }] }),
      'messages[0].content[0].image_url.url',
      'must not be empty',
    ],
    [
      body({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: 42 }] }] }),
      'messages[0].content[0].image_url',
      'must be an object',
    ],
    [
      body({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: '' }] }] }),
      'messages[0].content[0].image_url.url',
      'must not be empty',
    ],
    [
      body({
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x', detail: 'max' } }] },
        ],
      }),
      'messages[0].content[0].image_url.detail',
      "must be one of 'auto', 'low', 'high'",
    ],
    [
      body({ messages: [{ role: 'user', content: [{ type: 'file', file: { filename: 'a.pdf' } }] }] }),
      'messages[0].content[0].file.file_data',
      'must have file_data',
    ],
    [
      body({
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'x', cache_control: { type: 'forever' } }] },
        ],
      }),
      'messages[0].content[0].cache_control.type',
      "must be 'ephemeral'",
    ],
    [
      body({ messages: [{ role: 'user', content: 'x', cache_control: { type: 'ephemeral', ttl: '2d' } }] }),
      'messages[0].cache_control.ttl',
      "must be one of '5m', '1h'",
    ],
    [body({ messages: [{ role: 'tool', content: 'x' }] }), 'messages[0].tool_call_id', 'must be a string'],
    [
      body({ messages: [{ role: 'tool', tool_call_id: '', content: 'x' }] }),
      'messages[0].tool_call_id',
      'must not be empty',
    ],
    [
      body({ messages: [{ role: 'assistant', content: 'x', tool_calls: {} }] }),
      'messages[0].tool_calls',
      'must be an array',
    ],
    [
      body({
        messages: [
          { role: 'assistant', tool_calls: [{ type: 'function', function: { name: 'f', arguments: '{}' } }] },
        ],
      }),
      'messages[0].tool_calls[0].id',
      'must be a string',
    ],
    [
      body({
        messages: [
          {
            role: 'assistant',
            tool_calls: [{ id: 'c', type: 'function', function: { name: '', arguments: '{}' } }],
          },
        ],
      }),
      'messages[0].tool_calls[0].function.name',
      'must not be empty',
    ],
    [
      body({
        messages: [
          {
            role: 'assistant',
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: { a: 1 } } }],
          },
        ],
      }),
      'messages[0].tool_calls[0].function.arguments',
      'must be a string, got an object',
    ],
    [
      body({
        messages: [
          {
            role: 'assistant',
            tool_calls: [{ id: 'c', type: 'custom', function: { name: 'f', arguments: '' } }],
          },
        ],
      }),
      'messages[0].tool_calls[0].type',
      "must be 'function'",
    ],
    [
      body({
        messages: [{ role: 'assistant', content: 'x', function_call: { name: 'f', arguments: '{}' } }],
      }),
      'messages[0].function_call',
      'deprecated',
    ],
    [
      body({
        messages: [
          { role: 'assistant', content: 'x', thinking_blocks: [{ type: 'thought', thinking: 'x' }] },
        ],
      }),
      'messages[0].thinking_blocks[0].type',
      "must be 'thinking' or 'redacted_thinking'",
    ],
    [
      body({
        messages: [{ role: 'assistant', content: 'x', thinking_blocks: [{ type: 'redacted_thinking' }] }],
      }),
      'messages[0].thinking_blocks[0].data',
      'must be a string',
    ],
    [body({ max_tokens: 0 }), 'max_tokens', 'must be at least 1'],
    [body({ max_tokens: 1.5 }), 'max_tokens', 'must be an integer'],
    [body({ max_tokens: 1e12 }), 'max_tokens', 'must be at most 2147483647'],
    [body({ max_completion_tokens: 2 ** 31 }), 'max_completion_tokens', 'must be at most 2147483647'],
    [body({ max_completion_tokens: '100' }), 'max_completion_tokens', 'must be an integer, got a string'],
    [body({ temperature: 2.1 }), 'temperature', 'must be between 0 and 2'],
    [body({ temperature: -0.1 }), 'temperature', 'must be between 0 and 2'],
    [body({ top_p: 1.01 }), 'top_p', 'must be between 0 and 1'],
    [body({ n: 0 }), 'n', 'must be at least 1'],
    [body({ n: 1.5 }), 'n', 'must be an integer'],
    [body({ stop: 5 }), 'stop', 'must be a string or an array of strings'],
    [body({ stop: ['a', 3] }), 'stop[1]', 'must be a string'],
    [body({ stream: 'yes' }), 'stream', 'must be a boolean'],
    [
      body({ stream_options: { include_usage: 'true' } }),
      'stream_options.include_usage',
      'must be a boolean',
    ],
    [body({ tools: {} }), 'tools', 'must be an array'],
    [body({ tools: [{ type: 'web_search' }] }), 'tools[0].type', 'only function tools are supported'],
    [
      body({ tools: [{ type: 'function', function: { name: ' ' } }] }),
      'tools[0].function.name',
      'non-empty string',
    ],
    [body({ tools: [{ type: 'function', function: {} }] }), 'tools[0].function.name', 'non-empty string'],
    [
      body({ tools: [{ type: 'function', function: { name: 'f', parameters: 'object' } }] }),
      'tools[0].function.parameters',
      'must be an object',
    ],
    [body({ tool_choice: 'anything' }), 'tool_choice', "must be one of 'none', 'auto', 'required', 'any'"],
    [body({ tool_choice: { type: 'allowed_tools' } }), 'tool_choice.type', 'tool_choice must be'],
    [
      body({ tool_choice: { type: 'function', function: {} } }),
      'tool_choice.function.name',
      'must be a string',
    ],
    [body({ parallel_tool_calls: 'no' }), 'parallel_tool_calls', 'must be a boolean'],
    [body({ response_format: { type: 'xml' } }), 'response_format.type', "must be one of 'text'"],
    [body({ response_format: { type: 'json_schema' } }), 'response_format.json_schema', 'must be an object'],
    [
      body({ response_format: { type: 'json_schema', json_schema: { name: 'x', schema: [] } } }),
      'response_format.json_schema.schema',
      'must be an object',
    ],
    [body({ reasoning_effort: 'extreme' }), 'reasoning_effort', 'must be one of'],
    [body({ thinking: { type: 'enabled' } }), 'thinking.budget_tokens', 'is required'],
    [
      body({ thinking: { type: 'enabled', budget_tokens: 0 } }),
      'thinking.budget_tokens',
      'must be at least 1',
    ],
    [body({ thinking: { type: 'on' } }), 'thinking.type', 'must be one of'],
    [body({ user: 5 }), 'user', 'must be a string'],
    [body({ seed: 1.5 }), 'seed', 'must be an integer'],
    [body({ top_logprobs: 21 }), 'top_logprobs', 'must be at most 20'],
    [body({ frequency_penalty: 3 }), 'frequency_penalty', 'must be between -2 and 2'],
    [body({ presence_penalty: -3 }), 'presence_penalty', 'must be between -2 and 2'],
    [body({ logit_bias: { '1': 200 } }), 'logit_bias.1', 'must be between -100 and 100'],
    [body({ metadata: 'x' }), 'metadata', 'must be an object'],
    [body({ drop_params: 'true' }), 'drop_params', 'must be a boolean'],
    [body({ num_retries: -1 }), 'num_retries', 'must be at least 0'],
    [body({ timeout: 0 }), 'timeout', 'must be between'],
    [body({ tags: 'a' }), 'tags', 'must be an array of strings'],
    [body({ fallbacks: 'm' }), 'fallbacks', 'must be an array'],
    [body({ user_continue_message: { role: 'user' } }), 'user_continue_message.content', 'must be a string'],
  ])('refuses %j naming %s', (input, param, message) => {
    const error = rejection(input);
    expect(error.status).toBe(400);
    expect(error.type).toBe('invalid_request_error');
    expect(error.param).toBe(param);
    expect(error.message).toContain(message);
  });
});
