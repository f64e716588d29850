// /v1/messages on a model that does not speak the Messages API (Nova, through Converse) with the
// @anthropic-ai/sdk client: the answer, the stream's events and a tool round trip in Anthropic's shapes,
// usage booked, and a clear 400 for what Converse cannot carry.
import Anthropic from '@anthropic-ai/sdk';
import { startMessagesFixture, type MessagesFixture } from './messages-fixture';

let fixture: MessagesFixture;

beforeAll(async () => {
  fixture = await startMessagesFixture();
});

afterAll(async () => {
  await fixture?.close();
});

const weatherTool: Anthropic.Tool = {
  name: 'get_weather',
  description: 'The weather in a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('/v1/messages on Nova through Converse', () => {
  it('answers in Anthropic’s message shape, priced and booked', async () => {
    const { data, response } = await fixture.anthropic.messages
      .create({
        model: 'nova-lite',
        max_tokens: 200,
        system: [{ type: 'text', text: 'You are terse.' }],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Name a colour.' }] }],
        metadata: { user_id: 'nova-user' },
      })
      .withResponse();
    expect(data).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'nova-lite',
      stop_reason: 'end_turn',
    });
    expect(data.id).toMatch(/^msg_/);
    expect((data.content[0] as Anthropic.TextBlock).text.length).toBeGreaterThan(0);
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    expect(Number(response.headers.get('x-quarry-response-cost'))).toBeGreaterThan(0);
    const row = await fixture.spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({
      callType: 'anthropic_messages',
      endUser: 'nova-user',
      bedrockModel: 'us.amazon.nova-lite-v1:0',
      promptTokens: data.usage.input_tokens,
      completionTokens: data.usage.output_tokens,
    });
  });

  it('round-trips a tool call', async () => {
    const ask: Anthropic.MessageParam = {
      role: 'user',
      content: 'Use get_weather to tell me the weather in Paris',
    };
    const first = await fixture.anthropic.messages.create({
      model: 'nova-lite',
      max_tokens: 300,
      tools: [weatherTool],
      tool_choice: { type: 'any' },
      messages: [ask],
    });
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content.find(
      (block): block is Anthropic.ToolUseBlock => block.type === 'tool_use',
    )!;
    expect(toolUse.name).toBe('get_weather');
    const second = await fixture.anthropic.messages.create({
      model: 'nova-lite',
      max_tokens: 300,
      tools: [weatherTool],
      messages: [
        ask,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '{"tempC": 21}' }],
        },
      ],
    });
    expect((second.content[0] as Anthropic.TextBlock).text).toContain('get_weather returned');
  });

  it('streams Anthropic’s events, which the SDK assembles into the message, and books the usage', async () => {
    const stream = fixture.anthropic.messages.stream({
      model: 'nova-lite',
      max_tokens: 300,
      tools: [weatherTool],
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'Use get_weather to tell me the weather in Paris' }],
    });
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    const message = await stream.finalMessage();
    expect(types[0]).toBe('message_start');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(types).toEqual(
      expect.arrayContaining(['content_block_start', 'content_block_delta', 'content_block_stop']),
    );
    expect(message.stop_reason).toBe('tool_use');
    const toolUse = message.content.find((block) => block.type === 'tool_use') as Anthropic.ToolUseBlock;
    expect(toolUse.name).toBe('get_weather');
    expect(toolUse.input).toHaveProperty('city');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    const row = await fixture.spendRow((await stream.withResponse()).response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'success', completionTokens: message.usage.output_tokens });
  });

  it('streams plain text', async () => {
    const text = await fixture.anthropic.messages
      .stream({
        model: 'nova-lite',
        max_tokens: 200,
        messages: [{ role: 'user', content: 'Name a colour.' }],
      })
      .finalText();
    expect(text.length).toBeGreaterThan(0);
  });

  it.each([
    ['thinking', { thinking: { type: 'enabled', budget_tokens: 1024 } }],
    ['top_k', { top_k: 5 }],
  ])('refuses %s, which Converse cannot carry for this model, naming it', async (field, extra) => {
    const error = await fixture.anthropic.messages
      .create({
        model: 'nova-lite',
        max_tokens: 2000,
        messages: [{ role: 'user', content: 'Hi' }],
        ...extra,
      } as never)
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as any).error.error.message).toContain(field);
  });
});
