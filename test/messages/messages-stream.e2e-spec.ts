// Streamed /v1/messages on Claude with the @anthropic-ai/sdk client: Anthropic's events relayed as SSE
// (message_start, ping, content_block_start/delta/stop with text, thinking, signature and tool input
// deltas, message_delta, message_stop), the usage booked, and a failure after the first byte ending the
// stream with Anthropic's `event: error`.
import Anthropic from '@anthropic-ai/sdk';
import { startMessagesFixture, type MessagesFixture } from './messages-fixture';

let fixture: MessagesFixture;

beforeAll(async () => {
  fixture = await startMessagesFixture();
});

afterAll(async () => {
  await fixture?.close();
});

async function streamed(params: Omit<Anthropic.MessageCreateParamsStreaming, 'stream'>) {
  const { data: stream, response } = await fixture.anthropic.messages
    .create({ ...params, stream: true })
    .withResponse();
  const events: Anthropic.RawMessageStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return { events, requestId: response.headers.get('x-request-id')!, response };
}

/** The raw SSE text of a streamed call, to see the frames as they went out. */
async function rawStream(model: string): Promise<{ status: number; text: string; requestId: string }> {
  const response = await fetch(`${fixture.gateway.baseUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': fixture.tenant.key },
    body: JSON.stringify({
      model,
      max_tokens: 200,
      stream: true,
      messages: [{ role: 'user', content: 'Hi' }],
    }),
  });
  return {
    status: response.status,
    text: await response.text(),
    requestId: response.headers.get('x-request-id')!,
  };
}

describe('streamed /v1/messages on Claude', () => {
  it('relays every event type of a thinking answer, and books the usage', async () => {
    const { events, requestId, response } = await streamed({
      model: 'claude-sonnet-4-5',
      max_tokens: 2000,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [{ role: 'user', content: 'What is 17 times 23?' }],
      metadata: { user_id: 'streaming-user' },
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    expect(types.at(-2)).toBe('message_delta');
    expect(types).toEqual(
      expect.arrayContaining(['content_block_start', 'content_block_delta', 'content_block_stop']),
    );
    const start = events[0] as Anthropic.RawMessageStartEvent;
    expect(start.message.model).toBe('claude-sonnet-4-5');
    const deltaTypes = events.flatMap((event) =>
      event.type === 'content_block_delta' ? [event.delta.type] : [],
    );
    expect(deltaTypes).toEqual(expect.arrayContaining(['thinking_delta', 'signature_delta', 'text_delta']));
    const text = events
      .flatMap((event) =>
        event.type === 'content_block_delta' && event.delta.type === 'text_delta' ? [event.delta.text] : [],
      )
      .join('');
    expect(text.length).toBeGreaterThan(0);
    const delta = events.at(-2) as Anthropic.RawMessageDeltaEvent;
    expect(delta.delta.stop_reason).toBe('end_turn');
    const row = await fixture.spendRow(requestId);
    expect(row).toMatchObject({
      callType: 'anthropic_messages',
      status: 'success',
      endUser: 'streaming-user',
      promptTokens: start.message.usage.input_tokens,
      completionTokens: delta.usage.output_tokens,
    });
    expect(Number(row!.cost)).toBeGreaterThan(0);
    expect(row!.ttftMs).not.toBeNull();
  });

  it('sends the ping after message_start and nothing of Bedrock’s framing', async () => {
    const { status, text } = await rawStream('claude-haiku-4-5');
    expect(status).toBe(200);
    const names = [...text.matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(names.slice(0, 2)).toEqual(['message_start', 'ping']);
    expect(names.at(-1)).toBe('message_stop');
    expect(text).not.toContain('amazon-bedrock-invocationMetrics');
    for (const frame of text.split('\n\n').filter(Boolean)) {
      const [event, data] = frame.split('\n');
      expect(JSON.parse(data.slice('data: '.length)).type).toBe(event.slice('event: '.length));
    }
  });

  it('streams tool input as input_json_delta, which the SDK assembles into the tool call', async () => {
    const stream = fixture.anthropic.messages.stream({
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      tools: [
        {
          name: 'get_weather',
          description: 'The weather in a city',
          input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      ],
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'Use get_weather to tell me the weather in Paris' }],
    });
    const deltaTypes: string[] = [];
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta') deltaTypes.push(event.delta.type);
    });
    const message = await stream.finalMessage();
    expect(deltaTypes).toContain('input_json_delta');
    expect(message.stop_reason).toBe('tool_use');
    const toolUse = message.content.find((block) => block.type === 'tool_use') as Anthropic.ToolUseBlock;
    expect(toolUse.name).toBe('get_weather');
    expect(typeof toolUse.input).toBe('object');
  });

  it('ends a stream that fails after its first byte with Anthropic’s error event, booked as an error', async () => {
    const { status, text, requestId } = await rawStream('claude-broken-midstream');
    expect(status).toBe(200);
    expect(text).toMatch(/^event: message_start/);
    const frames = text.split('\n\n').filter(Boolean);
    const last = frames.at(-1)!.split('\n');
    expect(last[0]).toBe('event: error');
    expect(JSON.parse(last[1].slice('data: '.length))).toMatchObject({
      type: 'error',
      error: { type: expect.any(String), message: expect.any(String) },
    });
    const row = await fixture.spendRow(requestId);
    expect(row).toMatchObject({ status: 'error', modelName: 'claude-broken-midstream' });
    expect(row!.promptTokens).toBeGreaterThan(0);
    const error = await fixture.anthropic.messages
      .create({
        model: 'claude-broken-midstream',
        max_tokens: 200,
        stream: true,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .then(async (stream) => {
        for await (const _event of stream);
      })
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).toBeInstanceOf(Anthropic.APIError);
  });
});
