// Wire fixtures of the content-block formats: Anthropic Messages and Nova messages-v1.
import { METRICS, type InvokeFixture } from './invoke-fixture';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
export const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather now',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

export const STRUCTURED_FORMAT_FIXTURES: InvokeFixture[] = [
  {
    name: 'anthropic messages: system cache point, image, tools, beta header',
    model: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    anthropicBeta: 'token-efficient-tools-2025-02-19, output-128k-2025-02-19',
    request: {
      model: 'm',
      messages: [
        {
          role: 'system',
          content: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          ],
        },
      ],
      tools: [WEATHER_TOOL],
      tool_choice: 'required',
      top_k: 10,
    },
    body: {
      anthropic_version: 'bedrock-2023-05-31',
      anthropic_beta: ['token-efficient-tools-2025-02-19', 'output-128k-2025-02-19'],
      max_tokens: 4096,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
          ],
        },
      ],
      tools: [
        { name: 'get_weather', description: 'Weather now', input_schema: WEATHER_TOOL.function.parameters },
      ],
      tool_choice: { type: 'any' },
      top_k: 10,
    },
    answer: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }],
      stop_reason: 'tool_use',
      usage: {
        input_tokens: 20,
        output_tokens: 8,
        cache_read_input_tokens: 4,
        cache_creation_input_tokens: 0,
      },
    },
    message: {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      ],
    },
    finishReason: 'tool_calls',
    usage: { prompt_tokens: 24, completion_tokens: 8 },
    chunks: [
      {
        type: 'message_start',
        message: { id: 'msg_1', role: 'assistant', content: [], usage: { input_tokens: 20 } },
      },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Paris.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"city":' },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '"Paris"}' },
      },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use' }, usage: { output_tokens: 8 } },
      { type: 'message_stop', ...METRICS },
    ],
    streamed: {
      content: '',
      reasoning: 'Paris.',
      toolCallNames: ['get_weather'],
      finishReason: 'tool_calls',
    },
  },
  {
    name: 'nova messages-v1',
    model: 'amazon.nova-lite-v1:0',
    request: {
      model: 'm',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      max_tokens: 40,
      top_p: 0.5,
      stop: ['x'],
    },
    body: {
      schemaVersion: 'messages-v1',
      system: [{ text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      inferenceConfig: { max_new_tokens: 40, topP: 0.5, stopSequences: ['x'] },
    },
    answer: {
      output: { message: { role: 'assistant', content: [{ text: 'Hello!' }] } },
      stopReason: 'end_turn',
      usage: {
        inputTokens: 5,
        outputTokens: 2,
        totalTokens: 7,
        cacheReadInputTokenCount: 0,
        cacheWriteInputTokenCount: 0,
      },
    },
    message: { role: 'assistant', content: 'Hello!' },
    finishReason: 'stop',
    usage: { prompt_tokens: 5, completion_tokens: 2 },
    chunks: [
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hello!' } } },
      { contentBlockStop: { contentBlockIndex: 0 } },
      { messageStop: { stopReason: 'max_tokens' } },
      { metadata: { usage: { inputTokens: 5, outputTokens: 2 } }, ...METRICS },
    ],
    streamed: { content: 'Hello!', finishReason: 'length' },
  },
];
