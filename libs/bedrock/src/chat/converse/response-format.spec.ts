import { translateForTest } from './__fixtures__/fixture-support';

const ask = [{ role: 'user', content: 'Give me JSON.' }];

describe('response_format', () => {
  it('sends nothing for text', async () => {
    const { input, context } = await translateForTest(
      { messages: ask, response_format: { type: 'text' } },
      'anthropic',
    );
    expect(input.toolConfig).toBeUndefined();
    expect(input.outputConfig).toBeUndefined();
    expect(context.jsonMode).toEqual({ kind: 'none' });
  });

  it('sends a native schema with every object closed (additionalProperties: false)', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'object', properties: { name: { type: 'string' } } } },
    };
    const { input, context } = await translateForTest(
      { messages: ask, response_format: { type: 'json_schema', json_schema: { name: 'x', schema } } },
      'anthropic',
      { supportsResponseSchema: true },
    );
    expect(JSON.parse(input.outputConfig.textFormat.structure.jsonSchema.schema)).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        city: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' } } },
      },
    });
    expect(context.jsonMode).toEqual({ kind: 'native' });
  });

  it('answers a json_schema without a schema through the JSON tool (native output cannot say "any object")', async () => {
    const { input, context } = await translateForTest(
      { messages: ask, response_format: { type: 'json_schema', json_schema: { name: 'x' } } },
      'anthropic',
      { supportsResponseSchema: true },
    );
    expect(input.outputConfig).toBeUndefined();
    expect(input.toolConfig.tools[0].toolSpec.inputSchema.json).toEqual({ type: 'object' });
    expect(context.jsonMode).toEqual({ kind: 'tool', toolName: 'json_tool_call' });
  });

  it('keeps a tool the client named forced, next to the JSON tool', async () => {
    const { input, context } = await translateForTest(
      {
        messages: ask,
        response_format: { type: 'json_object' },
        tools: [{ type: 'function', function: { name: 'lookup' } }],
        tool_choice: { type: 'function', function: { name: 'lookup' } },
      },
      'anthropic',
    );
    expect(input.toolConfig.toolChoice).toEqual({ tool: { name: 'lookup' } });
    expect(context.jsonMode).toEqual({ kind: 'tool', toolName: 'json_tool_call' });
  });

  it('lets the model choose under modify_params when thinking forbids forcing the JSON tool', async () => {
    const { input, context } = await translateForTest(
      { messages: ask, response_format: { type: 'json_object' }, reasoning_effort: 'low' },
      'anthropic',
      { supportsReasoning: true },
      { modifyParams: true },
    );
    expect(input.toolConfig.toolChoice).toEqual({ auto: {} });
    expect(context.jsonMode.kind).toBe('tool');
  });

  it('is dropped under drop_params on models that can do neither', async () => {
    const { input, context } = await translateForTest(
      { messages: ask, response_format: { type: 'json_object' } },
      'meta',
      { supportsTools: false },
      { dropParams: true },
    );
    expect(input.toolConfig).toBeUndefined();
    expect(context.jsonMode).toEqual({ kind: 'none' });
  });
});
