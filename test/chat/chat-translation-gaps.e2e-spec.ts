// Issue 14's translation gaps, end to end: openai SDK → gateway → AWS SDK → emulator.
import OpenAI from 'openai';
import { startRecordingProxy, type RecordingProxy } from '../support/recording-proxy';
import { createTenant } from '../support/tenants';
import { deployment, startChatFixture, type ChatFixture } from './chat-fixture';

let fixture: ChatFixture;
/** A key for this spec's own deployments. */
let client: OpenAI;

/** A corporate proxy stand-in in front of the emulator: records each request, forwards it. */
let proxy: RecordingProxy;

const CONTINUE_MESSAGE = '\n      user_continue_message: {role: user, content: "Please continue"}';

beforeAll(async () => {
  proxy = await startRecordingProxy();
  const proxyUrl = proxy.endpoint;
  fixture = await startChatFixture(
    [
      deployment(
        'gaps-proxied',
        'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
        `\n      aws_bedrock_runtime_endpoint: ${proxyUrl}` + '\n      extra_headers: {x-corp-proxy: team-a}',
      ),
      deployment('gaps-llama', 'bedrock/meta.llama3-1-70b-instruct-v1:0'),
      deployment('gaps-sonnet-4-6', 'bedrock/anthropic.claude-sonnet-4-6'),
      deployment('gaps-nova-2', 'bedrock/us.amazon.nova-2-lite-v1:0'),
      deployment('gaps-gpt-oss', 'bedrock/openai.gpt-oss-120b-1:0'),
      deployment('gaps-continue-only', 'bedrock/anthropic.claude-3-haiku-20240307-v1:0', CONTINUE_MESSAGE),
      deployment(
        'gaps-continue-modify',
        'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
        `${CONTINUE_MESSAGE}\n      modify_params: true`,
      ),
    ].join(''),
  );
  const tenant = await createTenant(fixture.gateway, {
    // The guardrails the trace tests name: a request's guardrail must be one the key may use.
    keyModels: ['gaps-*', 'nova-lite', 'claude-sonnet-4-5', 'guardrail/gr-quarry', 'guardrail/gr-stream'],
  });
  client = new OpenAI({ apiKey: tenant.key, baseURL: `${fixture.gateway.baseUrl}/v1`, maxRetries: 0 });
  proxy.forwardTo(fixture.emulator.endpoint);
});

afterAll(async () => {
  await fixture?.close();
  await proxy?.close();
});

const cityTool = {
  type: 'function' as const,
  function: {
    name: 'find_city',
    description: 'Looks a city up',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

const citySchema = {
  type: 'object',
  properties: { name: { type: 'string' }, population: { type: 'integer' } },
  required: ['name', 'population'],
};

describe('Nova structured output and forced tools', () => {
  it('answers json_schema on Nova with JSON content (through a forced tool)', async () => {
    const completion = await client.chat.completions.create({
      model: 'nova-lite',
      messages: [{ role: 'user', content: 'Describe a city.' }],
      response_format: { type: 'json_schema', json_schema: { name: 'city', schema: citySchema } },
    });
    const parsed = JSON.parse(completion.choices[0].message.content!);
    expect(typeof parsed.name).toBe('string');
    expect(Number.isInteger(parsed.population)).toBe(true);
    expect(completion.choices[0].message.tool_calls ?? []).toHaveLength(0);
  });

  it("forces a named tool, tool_choice required and Bedrock's 'any' (as LiteLLM accepts it) on Nova", async () => {
    // 'any' is not in the SDK's types: Bedrock's and Anthropic's word for required.
    const bedrockAny = 'any' as unknown as 'required';
    const named = { type: 'function', function: { name: 'find_city' } } as const;
    for (const toolChoice of ['required', bedrockAny, named] as const) {
      const completion = await client.chat.completions.create({
        model: 'nova-lite',
        messages: [{ role: 'user', content: 'Hello there' }],
        tools: [cityTool],
        tool_choice: toolChoice,
      });
      expect(completion.choices[0].finish_reason).toBe('tool_calls');
      const [call] = completion.choices[0].message.tool_calls!;
      expect(call.type === 'function' && call.function.name).toBe('find_city');
    }
  });

  it('sends json_object to a model that cannot force a tool as an unforced JSON tool, not a 400', async () => {
    const completion = await client.chat.completions.create({
      model: 'gaps-llama',
      messages: [{ role: 'user', content: 'Describe a city as JSON.' }],
      response_format: { type: 'json_object' },
    });
    expect(completion.choices[0].message.role).toBe('assistant');
  });
});

describe('thinking turns replayed without their signed blocks', () => {
  const history: OpenAI.Chat.ChatCompletionMessageParam[] = [
    { role: 'user', content: 'What is the weather in Paris? Use find_city.' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'find_city', arguments: '{"city":"Paris"}' } },
      ],
    },
    { role: 'tool', tool_call_id: 'call_1', content: 'Paris: sunny' },
  ];

  it('is a 400 that explains the fix, and works under per-request modify_params (thinking off)', async () => {
    const refused = await client.chat.completions
      .create({ model: 'claude-sonnet-4-5', messages: history, tools: [cityTool], reasoning_effort: 'low' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect((refused as Error).message).toContain('thinking_blocks');

    const completion = await client.chat.completions.create({
      model: 'claude-sonnet-4-5',
      messages: history,
      tools: [cityTool],
      reasoning_effort: 'low',
      // @ts-expect-error LiteLLM's switch, sent in the body
      modify_params: true,
    });
    expect(completion.choices[0].message.content).toContain('Paris: sunny');
    expect(
      (completion.choices[0].message as { reasoning_content?: string }).reasoning_content,
    ).toBeUndefined();
  });
});

describe('Claude 4.6 adaptive thinking', () => {
  it('reasons for reasoning_effort high, and not at all for reasoning_effort none', async () => {
    const thinking = await client.chat.completions.create({
      model: 'gaps-sonnet-4-6',
      messages: [{ role: 'user', content: 'Think about Quarry' }],
      reasoning_effort: 'high',
    });
    expect((thinking.choices[0].message as { reasoning_content?: string }).reasoning_content).toBeTruthy();

    const plain = await client.chat.completions.create({
      model: 'gaps-sonnet-4-6',
      messages: [{ role: 'user', content: 'Think about Quarry' }],
      reasoning_effort: 'none' as 'low',
    });
    expect((plain.choices[0].message as { reasoning_content?: string }).reasoning_content).toBeUndefined();
    expect(plain.usage!.prompt_tokens).toBeGreaterThan(0);
  });
});

describe('user_continue_message and modify_params per deployment', () => {
  const assistantFirst: OpenAI.Chat.ChatCompletionMessageParam[] = [
    { role: 'system', content: 'You are terse.' },
    { role: 'assistant', content: 'Hello, how can I help?' },
  ];

  it("inserts the deployment's user_continue_message on its own, as the seeds configure it", async () => {
    const completion = await client.chat.completions.create({
      model: 'gaps-continue-only',
      messages: assistantFirst,
    });
    // The emulator echoes the last user turn: the inserted one.
    expect(completion.choices[0].message.content).toContain('Please continue');
  });

  it('refuses an assistant-first conversation with neither, naming the fix', async () => {
    const refused = await client.chat.completions
      .create({ model: 'gaps-llama', messages: assistantFirst })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect((refused as Error).message).toContain('modify_params');
  });

  it("inserts the deployment's user_continue_message when the deployment turns modify_params on", async () => {
    const completion = await client.chat.completions.create({
      model: 'gaps-continue-modify',
      messages: assistantFirst,
    });
    // The emulator echoes the last user turn: the inserted one.
    expect(completion.choices[0].message.content).toContain('Please continue');
  });
});

describe('guardrail trace', () => {
  const withGuardrail = (trace: 'enabled' | 'disabled') =>
    client.chat.completions.create({
      model: 'nova-lite',
      messages: [{ role: 'user', content: 'Hello there' }],
      // @ts-expect-error Bedrock's guardrailConfig, sent in the body as LiteLLM users do
      guardrailConfig: { guardrailIdentifier: 'gr-quarry', guardrailVersion: '1', trace },
    });

  it("returns Bedrock's guardrail trace in the body's trace field when enabled, and nothing when disabled", async () => {
    const traced = (await withGuardrail('enabled')) as unknown as { trace?: { guardrail: any } };
    expect(traced.trace?.guardrail.inputAssessment).toHaveProperty('gr-quarry');
    const untraced = (await withGuardrail('disabled')) as unknown as { trace?: unknown };
    expect(untraced.trace).toBeUndefined();
  });

  /** Every chunk of a streamed guardrail call, as the openai SDK hands them over. */
  async function streamWithGuardrail(trace: 'enabled' | 'disabled', includeUsage: boolean) {
    // Bedrock's guardrailConfig, sent in the body as LiteLLM users do
    const body: OpenAI.ChatCompletionCreateParamsStreaming & { guardrailConfig: object } = {
      model: 'nova-lite',
      messages: [{ role: 'user', content: 'Hello there' }],
      stream: true,
      ...(includeUsage ? { stream_options: { include_usage: true } } : {}),
      guardrailConfig: { guardrailIdentifier: 'gr-stream', guardrailVersion: '1', trace },
    };
    const stream = await client.chat.completions.create(body);
    const chunks: any[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    return chunks;
  }

  it.each([false, true])(
    'streams the trace on the finish chunk (trace and provider_specific_fields.trace), include_usage %s',
    async (includeUsage) => {
      const chunks = await streamWithGuardrail('enabled', includeUsage);
      const traced = chunks.filter((chunk) => chunk.trace !== undefined);
      expect(traced).toHaveLength(1);
      expect(traced[0].choices[0].finish_reason).toBe('stop');
      expect(traced[0].trace.guardrail.inputAssessment).toHaveProperty('gr-stream');
      expect(traced[0].provider_specific_fields).toEqual({ trace: traced[0].trace });
      // The finish chunk is still the last choice chunk; the usage chunk, when asked for, follows it.
      const last = chunks.at(-1);
      if (includeUsage) expect(last.choices).toEqual([]);
      else expect(last).toBe(traced[0]);
      const text = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
      expect(text.length).toBeGreaterThan(0);
    },
  );

  it('streams no trace when the trace is disabled', async () => {
    const chunks = await streamWithGuardrail('disabled', true);
    expect(chunks.some((chunk) => 'trace' in chunk || 'provider_specific_fields' in chunk)).toBe(false);
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason)).toHaveLength(1);
  });
});

describe('extra_headers on a deployment', () => {
  it('sends them with each Bedrock call, without replacing the SigV4 authorization', async () => {
    proxy.recorded.length = 0;
    const completion = await client.chat.completions.create({
      model: 'gaps-proxied',
      messages: [{ role: 'user', content: 'Hello through the proxy' }],
    });
    // The emulator verifies the signature: the call succeeding proves authorization stayed SigV4.
    expect(completion.choices[0].message.content).toContain('Hello through the proxy');
    expect(proxy.recorded).toHaveLength(1);
    expect(proxy.recorded[0].headers['x-corp-proxy']).toBe('team-a');
    expect(proxy.recorded[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
  });
});

describe('service tiers priced', () => {
  const ask = (extra: Record<string, unknown>) =>
    client.chat.completions
      .create({
        model: 'nova-lite',
        messages: [{ role: 'user', content: 'Price this exact sentence' }],
        ...extra,
      })
      .withResponse();

  it('prices flex, priority and latency-optimized calls on their tier, and books the tier in the spend row', async () => {
    const standard = await ask({});
    const standardCost = (standard.data.usage as unknown as { cost: number }).cost;
    const expectations = [
      [{ service_tier: 'flex' }, 'flex', 0.5],
      [{ service_tier: 'priority' }, 'priority', 1.75],
      [{ performanceConfig: { latency: 'optimized' } }, 'latency-optimized', 1.25],
    ] as const;
    for (const [extra, tier, ratio] of expectations) {
      const { data, response } = await ask(extra);
      expect(data.usage!.prompt_tokens).toBe(standard.data.usage!.prompt_tokens);
      expect((data.usage as unknown as { cost: number }).cost).toBeCloseTo(standardCost * ratio, 9);
      await fixture.flushSpend();
      const row = await fixture.prisma.spendLog.findFirst({
        where: { requestId: response.headers.get('x-request-id')! },
      });
      expect(row).toMatchObject({ serviceTier: tier });
    }
    await fixture.flushSpend();
    const standardRow = await fixture.prisma.spendLog.findFirst({
      where: { requestId: standard.response.headers.get('x-request-id')! },
    });
    expect(standardRow!.serviceTier).toBeNull();
  });
});

describe('reasoning_effort on Nova 2 and gpt-oss', () => {
  it('reasons on Nova 2 (reasoningConfig) and is accepted by gpt-oss (reasoning_effort passed through)', async () => {
    const nova = await client.chat.completions.create({
      model: 'gaps-nova-2',
      messages: [{ role: 'user', content: 'Think about Quarry' }],
      reasoning_effort: 'medium',
    });
    expect((nova.choices[0].message as { reasoning_content?: string }).reasoning_content).toBeTruthy();
    const gptOss = await client.chat.completions.create({
      model: 'gaps-gpt-oss',
      messages: [{ role: 'user', content: 'Think about Quarry' }],
      reasoning_effort: 'high',
    });
    expect(gptOss.choices[0].message.content).toBeTruthy();
  });
});
