// Wire fixtures of the chat-shaped formats: Cohere Command R, OpenAI-style chat (gpt-oss, Mistral
// Large 2, Jamba).
import { METRICS, type InvokeFixture } from './invoke-fixture';
import { WEATHER_TOOL } from './structured-format-fixtures';

const toolRequest = {
  model: 'm',
  messages: [{ role: 'user', content: 'Weather in Paris?' }],
  tools: [WEATHER_TOOL],
  max_tokens: 100,
};

export const CHAT_FORMAT_FIXTURES: InvokeFixture[] = [
  {
    name: 'cohere command r: history, preamble, tools',
    model: 'cohere.command-r-v1:0',
    request: {
      model: 'm',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello.' },
        { role: 'user', content: 'Weather in Paris?' },
      ],
      tools: [WEATHER_TOOL],
      max_tokens: 100,
    },
    body: {
      message: 'Weather in Paris?',
      chat_history: [
        { role: 'USER', message: 'Hi' },
        { role: 'CHATBOT', message: 'Hello.' },
      ],
      preamble: 'Be brief.',
      max_tokens: 100,
      tools: [
        {
          name: 'get_weather',
          description: 'Weather now',
          parameter_definitions: { city: { type: 'str', required: true } },
        },
      ],
    },
    answer: {
      text: '',
      finish_reason: 'COMPLETE',
      tool_calls: [{ name: 'get_weather', parameters: { city: 'Paris' } }],
    },
    headerUsage: { inputTokens: 30, outputTokens: 6 },
    message: {
      role: 'assistant',
      content: '',
      tool_calls: [{ type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
    },
    finishReason: 'tool_calls',
    usage: { prompt_tokens: 30, completion_tokens: 6 },
    chunks: [
      { is_finished: false, event_type: 'stream-start' },
      { is_finished: false, event_type: 'text-generation', text: 'Sunny' },
      { is_finished: true, event_type: 'stream-end', finish_reason: 'COMPLETE', ...METRICS },
    ],
    streamed: { content: 'Sunny', finishReason: 'stop' },
  },
  {
    name: 'gpt-oss OpenAI-style chat with a tool call',
    model: 'openai.gpt-oss-20b-1:0',
    request: { ...toolRequest, tool_choice: 'auto' },
    body: {
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      max_tokens: 100,
      tools: [WEATHER_TOOL],
      tool_choice: 'auto',
    },
    answer: {
      id: 'c1',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              {
                id: 'call_9',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
              },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 25, completion_tokens: 7, total_tokens: 32 },
    },
    message: {
      role: 'assistant',
      content: '',
      tool_calls: [
        { id: 'call_9', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      ],
    },
    finishReason: 'tool_calls',
    usage: { prompt_tokens: 25, completion_tokens: 7 },
    chunks: [
      {
        id: 'c1',
        choices: [
          { index: 0, delta: { role: 'assistant', reasoning_content: 'Use the tool.' }, finish_reason: null },
        ],
      },
      {
        id: 'c1',
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [
                {
                  index: 0,
                  id: 'call_9',
                  type: 'function',
                  function: { name: 'get_weather', arguments: '{"city"' },
                },
              ],
            },
            finish_reason: null,
          },
        ],
      },
      {
        id: 'c1',
        choices: [
          {
            index: 0,
            delta: { tool_calls: [{ index: 0, function: { arguments: ':"Paris"}' } }] },
            finish_reason: null,
          },
        ],
      },
      { id: 'c1', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }], ...METRICS },
    ],
    streamed: {
      content: '',
      reasoning: 'Use the tool.',
      toolCallNames: ['get_weather'],
      finishReason: 'tool_calls',
    },
  },
  {
    name: 'mistral large 2407: stop_reason and whole-message chunks',
    model: 'mistral.mistral-large-2407-v1:0',
    request: { model: 'm', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 10 },
    body: { messages: [{ role: 'user', content: 'Hi' }], max_tokens: 10 },
    answer: {
      choices: [{ index: 0, message: { role: 'assistant', content: 'Bonjour' }, stop_reason: 'length' }],
    },
    headerUsage: { inputTokens: 3, outputTokens: 10 },
    message: { role: 'assistant', content: 'Bonjour' },
    finishReason: 'length',
    usage: { prompt_tokens: 3, completion_tokens: 10 },
    chunks: [
      { choices: [{ index: 0, message: { role: 'assistant', content: 'Bon' }, stop_reason: null }] },
      {
        choices: [{ index: 0, message: { role: 'assistant', content: 'jour' }, stop_reason: 'stop' }],
        ...METRICS,
      },
    ],
    streamed: { content: 'Bonjour', finishReason: 'stop' },
  },
  {
    name: 'ai21 jamba: no tool_choice',
    model: 'ai21.jamba-1-5-mini-v1:0',
    request: { model: 'm', messages: [{ role: 'user', content: 'Hi' }], stop: ['.'] },
    body: { messages: [{ role: 'user', content: 'Hi' }], stop: ['.'] },
    answer: {
      id: 'j',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hey' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 2, completion_tokens: 1 },
    },
    message: { role: 'assistant', content: 'Hey' },
    finishReason: 'stop',
    usage: { prompt_tokens: 2, completion_tokens: 1 },
    chunks: [
      { id: 'j', choices: [{ index: 0, delta: { content: 'Hey' }, finish_reason: 'stop' }], ...METRICS },
    ],
    streamed: { content: 'Hey', finishReason: 'stop' },
  },
];
