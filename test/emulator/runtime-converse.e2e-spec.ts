// Converse against the emulator with the real SDK over HTTP/2 and HTTP/1.1: replies, model-id forms,
// tool use, reasoning, structured output, stop sequences, max tokens, guardrails, prompt caching
// and the validation errors Bedrock gives for malformed conversations.
import {
  ConverseCommand,
  type BedrockRuntimeClient,
  type ConverseCommandInput,
  type Message,
  type Tool,
} from '@aws-sdk/client-bedrock-runtime';

import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { HAIKU, modelPath, rawRequest, runtimeClient, TRANSPORTS } from './runtime-clients';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emulator?.close();
});

const weatherTool: Tool = {
  toolSpec: {
    name: 'get_weather',
    description: 'Current weather for a city',
    inputSchema: {
      json: {
        type: 'object',
        properties: {
          city: { type: 'string' },
          days: { type: 'integer' },
          unit: { enum: ['celsius', 'fahrenheit'] },
        },
        required: ['city', 'days', 'unit'],
      },
    },
  },
};

function user(text: string): Message {
  return { role: 'user', content: [{ text }] };
}

describe.each(TRANSPORTS)('Converse over %s', (transport) => {
  let client: BedrockRuntimeClient;

  beforeAll(() => {
    client = runtimeClient(emulator.endpoint, transport, { maxAttempts: 1 });
  });

  afterAll(() => client.destroy());

  const converse = (input: Partial<ConverseCommandInput>) =>
    client.send(new ConverseCommand({ modelId: HAIKU, messages: [user('Hello there')], ...input }));

  it('answers with a reply echoing the last user text, usage derived from the text, and a request id', async () => {
    const output = await converse({
      messages: [
        user('first'),
        { role: 'assistant', content: [{ text: 'ok' }] },
        user('Tell me about granite'),
      ],
    });
    const text = output.output?.message?.content?.[0].text;
    expect(text).toBe(
      'This is a deterministic reply from the Quarry Bedrock emulator. You said: Tell me about granite',
    );
    // 5 + 2 + 21 characters of prompt text → ceil(28 / 4) tokens.
    expect(output.usage).toEqual({
      inputTokens: 7,
      outputTokens: Math.ceil(text!.length / 4),
      totalTokens: 7 + Math.ceil(text!.length / 4),
    });
    expect(output.stopReason).toBe('end_turn');
    expect(output.metrics?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['a cross-region profile id', `us.${HAIKU}`],
    ['a global profile id', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ['a foundation-model ARN', `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`],
    [
      'an inference-profile ARN',
      'arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0',
    ],
    [
      'an application-inference-profile ARN',
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123xyz',
    ],
    ['a provisioned-model ARN', 'arn:aws:bedrock:us-east-1:123456789012:provisioned-model/pm0123456789'],
  ])('accepts %s as the model id', async (_form, modelId) => {
    const output = await converse({ modelId });
    expect(output.output?.message?.content?.[0].text).toContain('You said: Hello there');
  });

  it('answers an unknown model with ResourceNotFoundException (404)', async () => {
    await expect(converse({ modelId: 'anthropic.claude-9-v1:0' })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('refuses Converse on an embedding model with a ValidationException naming the operation', async () => {
    await expect(converse({ modelId: 'amazon.titan-embed-text-v2:0' })).rejects.toMatchObject({
      name: 'ValidationException',
      message: "The provided model doesn't support the Converse operation.",
    });
  });

  it('calls a tool mentioned in the prompt with input built from its schema and prompt words', async () => {
    const output = await converse({
      messages: [user('Use get_weather for the weather in Paris please')],
      toolConfig: { tools: [weatherTool] },
    });
    expect(output.stopReason).toBe('tool_use');
    const [preamble, call] = output.output!.message!.content!;
    expect(preamble.text).toBe('I will call get_weather to answer that.');
    expect(call.toolUse).toEqual({
      toolUseId: expect.stringMatching(/^tooluse_[\w-]{22}$/),
      name: 'get_weather',
      input: { city: 'Paris', days: 1, unit: 'celsius' },
    });
  });

  it('does not call a tool that is offered but not mentioned unless toolChoice forces it', async () => {
    const free = await converse({ toolConfig: { tools: [weatherTool] } });
    expect(free.stopReason).toBe('end_turn');
    const forced = await converse({
      toolConfig: { tools: [weatherTool], toolChoice: { tool: { name: 'get_weather' } } },
    });
    expect(forced.stopReason).toBe('tool_use');
    expect(
      forced.output!.message!.content!.map((block) => Object.keys(block).filter((key) => key !== '$unknown')),
    ).toEqual([['toolUse']]);
  });

  it('answers tool results in text that mentions them', async () => {
    const output = await converse({
      messages: [
        user('weather in Paris via get_weather'),
        {
          role: 'assistant',
          content: [{ toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } }],
        },
        {
          role: 'user',
          content: [{ toolResult: { toolUseId: 'tooluse_1', content: [{ json: { tempC: 21 } }] } }],
        },
      ],
      toolConfig: { tools: [weatherTool] },
    });
    expect(output.stopReason).toBe('end_turn');
    expect(output.output!.message!.content![0].text).toContain('get_weather returned {"tempC":21}');
  });

  it('returns a signed reasoning block when thinking is enabled', async () => {
    const output = await converse({
      inferenceConfig: { maxTokens: 2000 },
      additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
    });
    const [reasoning, text] = output.output!.message!.content!;
    expect(reasoning.reasoningContent?.reasoningText?.text).toContain('Hello there');
    expect(reasoning.reasoningContent?.reasoningText?.signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(text.text).toContain('You said: Hello there');
  });

  it('answers JSON matching the schema of outputConfig.textFormat', async () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, age: { type: 'integer' } },
      required: ['name', 'age'],
      additionalProperties: false,
    };
    const output = await converse({
      messages: [user('Describe Ada Lovelace')],
      outputConfig: {
        textFormat: {
          type: 'json_schema',
          structure: { jsonSchema: { schema: JSON.stringify(schema), name: 'person' } },
        },
      },
    });
    expect(JSON.parse(output.output!.message!.content![0].text!)).toEqual({ name: 'Ada', age: 1 });
  });

  it('cuts the reply before a stop sequence and reports it', async () => {
    const output = await converse({
      messages: [user('alpha STOPHERE beta')],
      inferenceConfig: { stopSequences: ['STOPHERE'] },
      additionalModelResponseFieldPaths: ['/stop_sequence'],
    });
    expect(output.stopReason).toBe('stop_sequence');
    expect(output.output!.message!.content![0].text).toBe(
      'This is a deterministic reply from the Quarry Bedrock emulator. You said: alpha ',
    );
    expect(output.additionalModelResponseFields).toEqual({ stop_sequence: 'STOPHERE' });
  });

  it('truncates the reply to maxTokens tokens', async () => {
    const output = await converse({ inferenceConfig: { maxTokens: 5 } });
    expect(output.stopReason).toBe('max_tokens');
    expect(output.output!.message!.content![0].text).toBe('This is a determinis');
    expect(output.usage!.outputTokens).toBe(5);
  });

  it('intervenes when a guardrail is attached and the text holds the marker word', async () => {
    const guardrailConfig = {
      guardrailIdentifier: 'gr-1',
      guardrailVersion: 'DRAFT',
      trace: 'enabled' as const,
    };
    const blocked = await converse({ messages: [user('please QUARRY_BLOCK this')], guardrailConfig });
    expect(blocked.stopReason).toBe('guardrail_intervened');
    expect(blocked.output!.message!.content![0].text).toBe('Sorry, the model cannot answer this question.');
    expect(blocked.trace?.guardrail?.inputAssessment?.['gr-1']?.wordPolicy?.customWords?.[0].match).toBe(
      'QUARRY_BLOCK',
    );
    const withoutGuardrail = await converse({ messages: [user('please QUARRY_BLOCK this')] });
    expect(withoutGuardrail.stopReason).toBe('end_turn');
  });

  it('writes a cache-point prefix the first time and reads it afterwards', async () => {
    const system = [
      { text: `Long shared instructions ${transport} `.repeat(20) },
      { cachePoint: { type: 'default' as const } },
    ];
    const prefixTokens = Math.ceil(system[0].text!.length / 4);
    const first = await converse({ system });
    expect(first.usage).toMatchObject({ cacheWriteInputTokens: prefixTokens, cacheReadInputTokens: 0 });
    const second = await converse({ system, messages: [user('Another question entirely')] });
    expect(second.usage).toMatchObject({ cacheReadInputTokens: prefixTokens, cacheWriteInputTokens: 0 });
    const total = Math.ceil((system[0].text!.length + 'Another question entirely'.length) / 4);
    expect(second.usage!.inputTokens).toBe(total - prefixTokens);
  });
});

describe('Converse validation (Bedrock wording, naming the field)', () => {
  let client: BedrockRuntimeClient;

  beforeAll(() => {
    client = runtimeClient(emulator.endpoint, 'http2', { maxAttempts: 1 });
  });

  afterAll(() => client.destroy());

  const rejects = (input: Partial<ConverseCommandInput>, message: string | RegExp) =>
    expect(
      client.send(new ConverseCommand({ modelId: HAIKU, messages: [user('hi')], ...input })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
      message: typeof message === 'string' ? message : expect.stringMatching(message),
    });

  it('rejects a missing messages list', () => rejects({ messages: undefined }, /Value null at 'messages'/));

  it('rejects a conversation that does not start with the user', () =>
    rejects(
      { messages: [{ role: 'assistant', content: [{ text: 'hi' }] }] },
      /must start with a user message/,
    ));

  it('rejects two user turns in a row', () =>
    rejects({ messages: [user('a'), user('b')] }, /must alternate between user and assistant/));

  it('rejects empty content', () =>
    rejects(
      { messages: [{ role: 'user', content: [] }] },
      'The content field in the Message object at messages.0 is empty. Add a ContentBlock object to the content field and try again.',
    ));

  it('rejects tool results that do not answer every toolUse of the previous turn', () =>
    rejects(
      {
        messages: [
          user('go'),
          {
            role: 'assistant',
            content: [
              { toolUse: { toolUseId: 'tooluse_a', name: 'get_weather', input: {} } },
              { toolUse: { toolUseId: 'tooluse_b', name: 'get_weather', input: {} } },
            ],
          },
          { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_a', content: [{ text: 'x' }] } }] },
        ],
        toolConfig: { tools: [weatherTool] },
      },
      'Expected toolResult blocks at messages.2.content for the following Ids: tooluse_b',
    ));

  it('rejects more tool results than toolUses', () =>
    rejects(
      {
        messages: [
          user('go'),
          { role: 'assistant', content: [{ text: 'no tools' }] },
          { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_z', content: [{ text: 'x' }] } }] },
        ],
        toolConfig: { tools: [weatherTool] },
      },
      'The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of previous turn.',
    ));

  it('rejects a tool with an empty name', () =>
    rejects(
      { toolConfig: { tools: [{ toolSpec: { name: '', inputSchema: { json: {} } } }] } },
      /toolConfig\.tools\.0\.member\.toolSpec\.name/,
    ));

  it('rejects forced tool use together with thinking', () =>
    rejects(
      {
        toolConfig: { tools: [weatherTool], toolChoice: { any: {} } },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
        inferenceConfig: { maxTokens: 4000 },
      },
      'Thinking may not be enabled when tool_choice forces tool use.',
    ));

  it('rejects a native json_schema with an object that does not set additionalProperties: false', () =>
    rejects(
      {
        outputConfig: {
          textFormat: {
            type: 'json_schema',
            structure: { jsonSchema: { schema: JSON.stringify({ type: 'object', properties: {} }) } },
          },
        },
      },
      /'additionalProperties' must be explicitly set to false/,
    ));

  it('rejects, with thinking on, a tool-use turn replayed without its thinking block', () =>
    rejects(
      {
        messages: [
          user('weather in Paris?'),
          {
            role: 'assistant',
            content: [{ toolUse: { toolUseId: 'tooluse_a', name: 'get_weather', input: { city: 'Paris' } } }],
          },
          {
            role: 'user',
            content: [{ toolResult: { toolUseId: 'tooluse_a', content: [{ text: 'sunny' }] } }],
          },
        ],
        toolConfig: { tools: [weatherTool] },
        additionalModelRequestFields: { thinking: { type: 'enabled', budget_tokens: 1024 } },
        inferenceConfig: { maxTokens: 4000 },
      },
      /messages\.1\.content\.0\.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`/,
    ));

  it('rejects unknown top-level keys and bad JSON sent by hand', async () => {
    const extraneous = await rawRequest(
      emulator.endpoint,
      modelPath(HAIKU, 'converse'),
      JSON.stringify({ messages: [user('hi')], stream_options: { include_usage: true } }),
    );
    expect(extraneous.status).toBe(400);
    expect(extraneous.headers.get('x-amzn-errortype')).toMatch(/^ValidationException:/);
    expect(extraneous.json.message).toContain('extraneous key [stream_options] is not permitted');
    const badJson = await rawRequest(emulator.endpoint, modelPath(HAIKU, 'converse'), '{"messages": [');
    expect(badJson.status).toBe(400);
    expect(badJson.json.message).toContain('not valid JSON');
  });
});
