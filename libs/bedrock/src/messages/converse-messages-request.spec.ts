import { OpenAIError } from '@quarry/openai';
import { toConverseMessagesInput } from './converse-messages-request';

const PNG = Buffer.from('png-bytes').toString('base64');

describe('toConverseMessagesInput', () => {
  it('maps every block Anthropic and Converse share, with cache_control as cache points', () => {
    const input = toConverseMessagesInput(
      {
        model: 'nova-lite',
        max_tokens: 100,
        temperature: 0.5,
        top_p: 0.9,
        stop_sequences: ['END'],
        system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
              {
                type: 'document',
                title: 'Report: Q1',
                source: { type: 'base64', media_type: 'application/pdf', data: PNG },
              },
              { type: 'text', text: 'Weather?', cache_control: { type: 'ephemeral' } },
            ],
          },
          {
            role: 'assistant',
            content: [{ type: 'tool_use', id: 't1', name: 'get_weather', input: { city: 'Paris' } }],
          },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: 't1', content: 'sunny', is_error: true }],
          },
        ],
        tools: [
          { name: 'get_weather', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } },
        ],
        tool_choice: { type: 'tool', name: 'get_weather' },
        metadata: { user_id: 'u' },
      },
      'us.amazon.nova-lite-v1:0',
      'nova-lite',
    );
    expect(input.modelId).toBe('us.amazon.nova-lite-v1:0');
    expect(input.inferenceConfig).toEqual({
      maxTokens: 100,
      temperature: 0.5,
      topP: 0.9,
      stopSequences: ['END'],
    });
    expect(input.system).toEqual([{ text: 'Be brief.' }, { cachePoint: { type: 'default' } }]);
    const [user, assistant, result] = input.messages!;
    expect(user.content).toEqual([
      { image: { format: 'png', source: { bytes: Buffer.from('png-bytes') } } },
      { document: { format: 'pdf', name: 'Report Q1', source: { bytes: Buffer.from('png-bytes') } } },
      { text: 'Weather?' },
      { cachePoint: { type: 'default' } },
    ]);
    expect(assistant.content).toEqual([
      { toolUse: { toolUseId: 't1', name: 'get_weather', input: { city: 'Paris' } } },
    ]);
    expect(result.content).toEqual([
      { toolResult: { toolUseId: 't1', content: [{ text: 'sunny' }], status: 'error' } },
    ]);
    expect(input.toolConfig).toEqual({
      tools: [
        {
          toolSpec: {
            name: 'get_weather',
            description: undefined,
            inputSchema: { json: { type: 'object' } },
          },
        },
        { cachePoint: { type: 'default' } },
      ],
      toolChoice: { tool: { name: 'get_weather' } },
    });
  });

  it.each([
    ['top_k', { top_k: 3 }],
    ['thinking', { thinking: { type: 'enabled', budget_tokens: 1024 } }],
    ['mcp_servers', { mcp_servers: [] }],
    [
      'messages.0.content.0.source',
      {
        messages: [
          { role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }] },
        ],
      },
    ],
    [
      'messages.0.content.0.type',
      { messages: [{ role: 'user', content: [{ type: 'server_tool_use', id: 'x', name: 'web_search' }] }] },
    ],
    ['tools.0', { tools: [{ type: 'web_search_20250305', name: 'web_search' }] }],
  ])('refuses %s with a 400 naming it', (field, extra) => {
    const call = () =>
      toConverseMessagesInput(
        { model: 'nova-lite', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }], ...extra },
        'm',
        'nova-lite',
      );
    expect(call).toThrow(OpenAIError);
    expect(call).toThrow(field);
  });
});
