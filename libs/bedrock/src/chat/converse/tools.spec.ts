import { translateForTest } from './__fixtures__/fixture-support';

const weather = {
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: {} } },
};
const history = [
  { role: 'user', content: 'Weather?' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
  },
  { role: 'tool', tool_call_id: 'c1', content: 'sunny' },
];

describe('tools', () => {
  it("keeps the tools but drops the choice for tool_choice 'none' when the history has tool blocks", async () => {
    const { input } = await translateForTest(
      { messages: history, tools: [weather], tool_choice: 'none' },
      'anthropic',
    );
    expect(input.toolConfig).toEqual({
      tools: [
        { toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object', properties: {} } } } },
      ],
    });
  });

  it("maps 'required' to any", async () => {
    const { input } = await translateForTest(
      { messages: [{ role: 'user', content: 'x' }], tools: [weather], tool_choice: 'required' },
      'anthropic',
    );
    expect(input.toolConfig.toolChoice).toEqual({ any: {} });
  });

  it('spells out no toolChoice for models that take none, auto being their default', async () => {
    const { input } = await translateForTest({ messages: history, tools: [weather] }, 'meta', {
      supportsToolChoice: false,
    });
    expect(input.toolConfig.toolChoice).toBeUndefined();
  });

  it("treats 'auto' and 'none' without tools as asking for nothing", async () => {
    for (const toolChoice of ['auto', 'none']) {
      const { input } = await translateForTest(
        { messages: [{ role: 'user', content: 'x' }], tool_choice: toolChoice },
        'anthropic',
      );
      expect(input.toolConfig).toBeUndefined();
    }
  });

  it('drops tools under drop_params for models without tool use', async () => {
    const { input } = await translateForTest(
      { messages: [{ role: 'user', content: 'x' }], tools: [weather], tool_choice: 'auto' },
      'amazon-titan',
      { supportsTools: false },
      { dropParams: true },
    );
    expect(input.toolConfig).toBeUndefined();
  });

  it('adds an object type to a parameters schema that lacks one', async () => {
    const tool = {
      type: 'function',
      function: { name: 'f', parameters: { properties: { a: { type: 'string' } } } },
    };
    const { input } = await translateForTest(
      { messages: [{ role: 'user', content: 'x' }], tools: [tool] },
      'anthropic',
    );
    expect(input.toolConfig.tools[0].toolSpec.inputSchema.json).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
    });
  });

  it('does not send disable_parallel_tool_use to non-Anthropic models or without tools', async () => {
    const nova = await translateForTest(
      { messages: [{ role: 'user', content: 'x' }], tools: [weather], parallel_tool_calls: false },
      'amazon-nova',
    );
    expect(nova.input.additionalModelRequestFields).toBeUndefined();
    const toolless = await translateForTest(
      { messages: [{ role: 'user', content: 'x' }], parallel_tool_calls: false },
      'anthropic',
    );
    expect(toolless.input.additionalModelRequestFields).toBeUndefined();
  });

  it("keeps Anthropic's tool_choice type in step with a required choice", async () => {
    const { input } = await translateForTest(
      {
        messages: [{ role: 'user', content: 'x' }],
        tools: [weather],
        tool_choice: 'required',
        parallel_tool_calls: false,
      },
      'anthropic',
    );
    expect(input.additionalModelRequestFields.tool_choice).toEqual({
      type: 'any',
      disable_parallel_tool_use: true,
    });
  });
});
