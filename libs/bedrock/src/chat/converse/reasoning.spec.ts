import { translateForTest } from './__fixtures__/fixture-support';

const hi = [{ role: 'user', content: 'Think hard.' }];
const reasoning = { supportsReasoning: true };

describe('reasoning on Anthropic', () => {
  it.each([
    ['minimal', 1024],
    ['low', 1024],
    ['medium', 2048],
    ['high', 4096],
    ['xhigh', 8192],
  ])(
    'reasoning_effort %s → a %d-token budget, with room for the answer when max_tokens is unset',
    async (effort, budget) => {
      const { input } = await translateForTest(
        { messages: hi, reasoning_effort: effort },
        'anthropic',
        reasoning,
      );
      expect(input.additionalModelRequestFields.thinking).toEqual({ type: 'enabled', budget_tokens: budget });
      expect(input.inferenceConfig.maxTokens).toBe(budget + 4096);
    },
  );

  it("caps the raised max_tokens at the model's output limit", async () => {
    const { input } = await translateForTest({ messages: hi, reasoning_effort: 'medium' }, 'anthropic', {
      ...reasoning,
      maxOutputTokens: 3000,
    });
    expect(input.inferenceConfig.maxTokens).toBe(3000);
  });

  it('leaves a max_tokens above the budget alone', async () => {
    const { input } = await translateForTest(
      { messages: hi, max_tokens: 9000, thinking: { type: 'enabled', budget_tokens: 4000 } },
      'anthropic',
      reasoning,
    );
    expect(input.inferenceConfig.maxTokens).toBe(9000);
  });

  it('raises max_tokens past an explicit budget only under modify_params', async () => {
    const { input } = await translateForTest(
      { messages: hi, max_tokens: 1000, thinking: { type: 'enabled', budget_tokens: 2000 } },
      'anthropic',
      reasoning,
      { modifyParams: true },
    );
    expect(input.inferenceConfig.maxTokens).toBe(3000);
  });

  it('drops temperature, top_p and top_k under drop_params', async () => {
    const { input } = await translateForTest(
      { messages: hi, reasoning_effort: 'low', temperature: 0.2, top_p: 0.5, top_k: 5, max_tokens: 5000 },
      'anthropic',
      reasoning,
      { dropParams: true },
    );
    expect(input.inferenceConfig).toEqual({ maxTokens: 5000 });
    expect(input.additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
  });

  it('accepts top_p of 0.95 and temperature 1 with thinking', async () => {
    const { input } = await translateForTest(
      { messages: hi, reasoning_effort: 'low', temperature: 1, top_p: 0.95, max_tokens: 5000 },
      'anthropic',
      reasoning,
    );
    expect(input.inferenceConfig).toEqual({ maxTokens: 5000, temperature: 1, topP: 0.95 });
  });

  it('turns a forced tool into auto under modify_params', async () => {
    const { input } = await translateForTest(
      {
        messages: hi,
        reasoning_effort: 'low',
        tools: [{ type: 'function', function: { name: 'f' } }],
        tool_choice: 'required',
      },
      'anthropic',
      reasoning,
      { modifyParams: true },
    );
    expect(input.toolConfig.toolChoice).toEqual({ auto: {} });
  });

  it('prefers an explicit thinking config over reasoning_effort, and does nothing when thinking is disabled', async () => {
    const both = await translateForTest(
      {
        messages: hi,
        reasoning_effort: 'high',
        thinking: { type: 'enabled', budget_tokens: 1500 },
        max_tokens: 4000,
      },
      'anthropic',
      reasoning,
    );
    expect(both.input.additionalModelRequestFields.thinking.budget_tokens).toBe(1500);
    const disabled = await translateForTest(
      { messages: hi, thinking: { type: 'disabled' } },
      'anthropic',
      reasoning,
    );
    expect(disabled.input.additionalModelRequestFields).toBeUndefined();
    const none = await translateForTest({ messages: hi, reasoning_effort: 'none' }, 'anthropic');
    expect(none.input.additionalModelRequestFields).toBeUndefined();
  });

  it('passes adaptive thinking through', async () => {
    const { input } = await translateForTest(
      { messages: hi, thinking: { type: 'adaptive' } },
      'anthropic',
      reasoning,
    );
    expect(input.additionalModelRequestFields).toEqual({ thinking: { type: 'adaptive' } });
  });
});

describe('reasoning on other families', () => {
  it.each([
    ['minimal', 'low'],
    ['medium', 'medium'],
    ['xhigh', 'high'],
  ])('Nova: reasoning_effort %s → maxReasoningEffort %s', async (effort, novaEffort) => {
    const { input } = await translateForTest(
      { messages: hi, reasoning_effort: effort },
      'amazon-nova',
      reasoning,
    );
    expect(input.additionalModelRequestFields).toEqual({
      reasoningConfig: { type: 'enabled', maxReasoningEffort: novaEffort },
    });
  });

  it('Nova: a thinking budget maps to the nearest effort', async () => {
    const { input } = await translateForTest(
      { messages: hi, thinking: { type: 'enabled', budget_tokens: 16000 } },
      'amazon-nova',
      reasoning,
    );
    expect(input.additionalModelRequestFields.reasoningConfig.maxReasoningEffort).toBe('high');
  });

  it('gpt-oss: reasoning_effort is passed as the model field', async () => {
    const { input } = await translateForTest({ messages: hi, reasoning_effort: 'low' }, 'openai', reasoning);
    expect(input.additionalModelRequestFields).toEqual({ reasoning_effort: 'low' });
  });

  it('drops reasoning_effort under drop_params where it cannot be tuned', async () => {
    const { input } = await translateForTest(
      { messages: hi, reasoning_effort: 'low' },
      'deepseek',
      reasoning,
      {
        dropParams: true,
      },
    );
    expect(input.additionalModelRequestFields).toBeUndefined();
  });
});

describe('adaptive thinking and the off switch', () => {
  const adaptive = { supportsReasoning: true, supportsAdaptiveThinking: true };

  it('maps reasoning_effort on Claude 4.6 to adaptive thinking plus the effort, not a budget', async () => {
    const { input } = await translateForTest(
      { messages: hi, reasoning_effort: 'high' },
      'anthropic',
      adaptive,
    );
    expect(input.additionalModelRequestFields).toEqual({
      thinking: { type: 'adaptive' },
      output_config: { effort: 'high' },
    });
    expect(input.inferenceConfig).toBeUndefined();
  });

  it('turns thinking off for reasoning_effort "none", even against a thinking default', async () => {
    const { input } = await translateForTest(
      { messages: hi, reasoning_effort: 'none' },
      'anthropic',
      adaptive,
      {
        deploymentParams: { thinking: { type: 'enabled', budget_tokens: 2048 } },
      },
    );
    expect(input.additionalModelRequestFields).toBeUndefined();
  });
});

describe('tool-call turns replayed without their thinking blocks', () => {
  const history = [
    { role: 'user', content: 'Weather in Paris?' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
    },
    { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
  ];
  const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }];

  it('is a 400 explaining the fix without modify_params', async () => {
    await expect(
      translateForTest({ messages: history, tools, reasoning_effort: 'low' }, 'anthropic', reasoning),
    ).rejects.toMatchObject({
      status: 400,
      param: 'reasoning_effort',
      message: expect.stringContaining('thinking_blocks'),
    });
  });

  it('turns thinking off for that request under modify_params', async () => {
    const { input } = await translateForTest(
      { messages: history, tools, reasoning_effort: 'low' },
      'anthropic',
      reasoning,
      { modifyParams: true },
    );
    expect(input.additionalModelRequestFields).toBeUndefined();
  });
});
