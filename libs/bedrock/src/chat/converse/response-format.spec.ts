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

  it('defaults a missing schema to an open object', async () => {
    const { input } = await translateForTest(
      { messages: ask, response_format: { type: 'json_schema', json_schema: { name: 'x' } } },
      'anthropic',
      { supportsResponseSchema: true },
    );
    expect(input.outputConfig.textFormat.structure.jsonSchema).toEqual({
      schema: '{"type":"object"}',
      name: 'x',
    });
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
