// ConverseStream and InvokeModelWithResponseStream through the real SDK over HTTP/2 and HTTP/1.1:
// every Converse event type, each family's native chunks, invocation metrics, and stream faults.
import {
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelWithResponseStreamCommand,
  ModelStreamErrorException,
  type BedrockRuntimeClient,
  type ConverseStreamOutput,
  type ResponseStream,
} from '@aws-sdk/client-bedrock-runtime';

import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { HAIKU, runtimeClient, TRANSPORTS } from './runtime-clients';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emulator?.close();
});

async function collect<T>(stream: AsyncIterable<T> | undefined): Promise<T[]> {
  const events: T[] = [];
  for await (const event of stream!) events.push(event);
  return events;
}

function decodeChunks(events: ResponseStream[]): Array<Record<string, any>> {
  return events.map((event) => JSON.parse(Buffer.from(event.chunk!.bytes!).toString('utf8')));
}

const toolConfig = {
  tools: [
    {
      toolSpec: {
        name: 'lookup_stock',
        inputSchema: {
          json: { type: 'object', properties: { ticker: { type: 'string' } }, required: ['ticker'] },
        },
      },
    },
  ],
};

const haikuInvokeBody = (text: string) =>
  JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 300,
    messages: [{ role: 'user', content: text }],
  });

describe.each(TRANSPORTS)('streams over %s', (transport) => {
  let client: BedrockRuntimeClient;

  beforeAll(() => {
    client = runtimeClient(emulator.endpoint, transport, { maxAttempts: 1 });
  });

  afterAll(() => client.destroy());

  it('streams reasoning, text and tool-use blocks that reassemble into the Converse answer', async () => {
    const input = {
      modelId: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
      messages: [{ role: 'user' as const, content: [{ text: 'Please run lookup_stock for Amazon shares' }] }],
      toolConfig,
      inferenceConfig: { maxTokens: 3000 },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    };
    const events = await collect<ConverseStreamOutput>(
      (await client.send(new ConverseStreamCommand(input))).stream,
    );
    const whole = await client.send(new ConverseCommand(input));

    const types = events.map((event) => Object.keys(event).find((key) => key !== '$unknown'));
    expect(types[0]).toBe('messageStart');
    expect(types.slice(-2)).toEqual(['messageStop', 'metadata']);
    const reasoning = events
      .flatMap((event) => event.contentBlockDelta?.delta?.reasoningContent?.text ?? [])
      .join('');
    const signature = events.find((event) => event.contentBlockDelta?.delta?.reasoningContent?.signature)
      ?.contentBlockDelta?.delta?.reasoningContent?.signature;
    const text = events.flatMap((event) => event.contentBlockDelta?.delta?.text ?? []).join('');
    const toolStart = events.find((event) => event.contentBlockStart)?.contentBlockStart;
    const toolInput = events
      .flatMap((event) => event.contentBlockDelta?.delta?.toolUse?.input ?? [])
      .join('');

    const [wholeReasoning, wholeText, wholeTool] = whole.output!.message!.content!;
    expect(reasoning).toBe(wholeReasoning.reasoningContent!.reasoningText!.text);
    expect(signature).toBe(wholeReasoning.reasoningContent!.reasoningText!.signature);
    expect(text).toBe(wholeText.text);
    expect(toolStart).toEqual({
      contentBlockIndex: 2,
      start: { toolUse: { toolUseId: wholeTool.toolUse!.toolUseId, name: 'lookup_stock' } },
    });
    expect(JSON.parse(toolInput)).toEqual(wholeTool.toolUse!.input);
    expect(
      events
        .filter((event) => event.contentBlockStop)
        .map((event) => event.contentBlockStop!.contentBlockIndex),
    ).toEqual([0, 1, 2]);
    expect(events.find((event) => event.messageStop)?.messageStop?.stopReason).toBe('tool_use');
    expect(events.at(-1)!.metadata!.usage).toEqual(whole.usage);
    expect(events.filter((event) => event.contentBlockDelta?.delta?.text).length).toBeGreaterThan(3);
  });

  it('streams Anthropic native chunks with invocation metrics on the last one', async () => {
    const response = await client.send(
      new InvokeModelWithResponseStreamCommand({
        modelId: HAIKU,
        contentType: 'application/json',
        body: haikuInvokeBody('stream me please'),
      }),
    );
    expect(response.contentType).toBe('application/json');
    const chunks = decodeChunks(await collect(response.body));
    expect(chunks.map((chunk) => chunk.type)).toEqual([
      'message_start',
      'content_block_start',
      ...Array(chunks.length - 5).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const text = chunks.flatMap((chunk) => chunk.delta?.text ?? []).join('');
    expect(text).toBe(
      'This is a deterministic reply from the Quarry Bedrock emulator. You said: stream me please',
    );
    expect(chunks.at(-1)!['amazon-bedrock-invocationMetrics']).toEqual({
      inputTokenCount: 4,
      outputTokenCount: Math.ceil(text.length / 4),
      invocationLatency: expect.any(Number),
      firstByteLatency: expect.any(Number),
    });
  });

  it('streams Anthropic thinking and signature deltas, and cache usage for cache_control blocks', async () => {
    const body = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      system: [
        {
          type: 'text',
          text: `Shared ${transport} instructions. `.repeat(10),
          cache_control: { type: 'ephemeral' },
        },
      ],
      messages: [{ role: 'user', content: 'think then answer' }],
    };
    const stream = async () =>
      decodeChunks(
        await collect(
          (
            await client.send(
              new InvokeModelWithResponseStreamCommand({
                modelId: HAIKU,
                contentType: 'application/json',
                body: JSON.stringify(body),
              }),
            )
          ).body,
        ),
      );
    const first = await stream();
    const deltaTypes = new Set(first.flatMap((chunk) => chunk.delta?.type ?? []));
    expect(deltaTypes).toEqual(new Set(['thinking_delta', 'signature_delta', 'text_delta']));
    expect(first[1].content_block).toEqual({ type: 'thinking', thinking: '' });
    const prefixTokens = Math.ceil(body.system[0].text.length / 4);
    expect(first[0].message.usage).toMatchObject({
      cache_creation_input_tokens: prefixTokens,
      cache_read_input_tokens: 0,
    });
    const second = await stream();
    expect(second[0].message.usage).toMatchObject({
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: prefixTokens,
    });
    expect(second.at(-1)!['amazon-bedrock-invocationMetrics']).toMatchObject({
      cacheReadInputTokenCount: prefixTokens,
    });
  });

  it.each([
    ['meta.llama3-8b-instruct-v1:0', { prompt: 'hello llama' }, (chunk: any) => chunk.generation],
    [
      'mistral.mistral-7b-instruct-v0:2',
      { prompt: '<s>[INST] hello mistral [/INST]' },
      (chunk: any) => chunk.outputs[0].text,
    ],
    [
      'mistral.mistral-large-2407-v1:0',
      { messages: [{ role: 'user', content: 'hello large' }] },
      (chunk: any) => chunk.choices[0].message.content,
    ],
    [
      'amazon.titan-text-express-v1',
      { inputText: 'User: hello titan\nBot:' },
      (chunk: any) => chunk.outputText,
    ],
    [
      'us.amazon.nova-lite-v1:0',
      { schemaVersion: 'messages-v1', messages: [{ role: 'user', content: [{ text: 'hello nova' }] }] },
      (chunk: any) => chunk.contentBlockDelta?.delta?.text,
    ],
    [
      'cohere.command-r-v1:0',
      { message: 'hello cohere' },
      (chunk: any) => (chunk.event_type === 'text-generation' ? chunk.text : ''),
    ],
    [
      'ai21.jamba-1-5-mini-v1:0',
      { messages: [{ role: 'user', content: 'hello jamba' }] },
      (chunk: any) => chunk.choices[0].delta.content,
    ],
    [
      'openai.gpt-oss-20b-1:0',
      { messages: [{ role: 'user', content: 'hello gpt' }] },
      (chunk: any) => chunk.choices[0].delta.content,
    ],
  ])('streams %s native chunks that concatenate to the reply', async (modelId, body, textOf) => {
    const response = await client.send(
      new InvokeModelWithResponseStreamCommand({
        modelId,
        contentType: 'application/json',
        body: JSON.stringify(body),
      }),
    );
    const chunks = decodeChunks(await collect(response.body));
    expect(chunks.length).toBeGreaterThan(3);
    const lastWord = JSON.stringify(body).match(/hello \w+/)![0];
    expect(chunks.map((chunk) => textOf(chunk) ?? '').join('')).toBe(
      `This is a deterministic reply from the Quarry Bedrock emulator. You said: ${lastWord}`,
    );
    expect(chunks.at(-1)!['amazon-bedrock-invocationMetrics'].outputTokenCount).toBeGreaterThan(0);
  });

  it('refuses to stream an embedding model', async () => {
    await expect(
      client.send(
        new InvokeModelWithResponseStreamCommand({
          modelId: 'amazon.titan-embed-text-v2:0',
          body: JSON.stringify({ inputText: 'x' }),
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("doesn't support streaming"),
    });
  });

  it('cuts a ConverseStream with modelStreamErrorException on the midstream fault', async () => {
    const response = await client.send(
      new ConverseStreamCommand({
        modelId: `${HAIKU}~midstream`,
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      }),
    );
    const seen: ConverseStreamOutput[] = [];
    let failure: unknown;
    try {
      for await (const event of response.stream!) seen.push(event);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ModelStreamErrorException);
    expect(failure).toMatchObject({ originalStatusCode: 500 });
    expect(seen.length).toBe(3);
    expect(seen.some((event) => event.contentBlockDelta)).toBe(true);
  });

  it('cuts an InvokeModelWithResponseStream with modelStreamErrorException on the midstream fault', async () => {
    const response = await client.send(
      new InvokeModelWithResponseStreamCommand({
        modelId: `${HAIKU}~midstream`,
        contentType: 'application/json',
        body: haikuInvokeBody('hi'),
      }),
    );
    await expect(collect(response.body)).rejects.toBeInstanceOf(ModelStreamErrorException);
  });
});

describe('stream timing faults', () => {
  let client: BedrockRuntimeClient;

  beforeAll(() => {
    client = runtimeClient(emulator.endpoint, 'http2', { maxAttempts: 1 });
  });

  afterAll(() => client.destroy());

  it('holds the first event back by slow:MS, so send() resolves no sooner', async () => {
    const startedAt = Date.now();
    const response = await client.send(
      new ConverseStreamCommand({
        modelId: `${HAIKU}~slow:300`,
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      }),
    );
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
    await collect(response.stream);
  });

  it('paces output at tps:N tokens per second', async () => {
    const startedAt = Date.now();
    const response = await client.send(
      new ConverseStreamCommand({
        modelId: `${HAIKU}~tps:200`,
        messages: [{ role: 'user', content: [{ text: 'pace this reply' }] }],
      }),
    );
    const events = await collect(response.stream);
    const outputTokens = events.at(-1)!.metadata!.usage!.outputTokens!;
    // The output tokens at 200 per second cannot arrive faster than outputTokens / 200 seconds.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual((outputTokens / 200) * 1000 - 20);
  });
});
