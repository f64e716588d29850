// Chat completions over InvokeModel with the openai SDK against the emulator: every model family's
// native body, streamed and not, the same OpenAI answer shapes as Converse, usage, cost and spend rows.
import type OpenAI from 'openai';
import { withFaults } from '../../apps/bedrock-emulator/src/index';
import { deployment, startChatFixture, type ChatFixture } from './chat-fixture';

let fixture: ChatFixture;

/** Public name → deployment model: one per native body format (and the legacy ids the seeds name). */
const FAMILIES: Array<[string, string, string?]> = [
  ['invoke-claude-3-haiku', 'bedrock/invoke/anthropic.claude-3-haiku-20240307-v1:0'],
  ['invoke-claude-v2', 'bedrock/invoke/anthropic.claude-v2'],
  ['invoke-claude-instant', 'bedrock/invoke/anthropic.claude-instant-v1'],
  ['invoke-llama2', 'bedrock/invoke/meta.llama2-13b-chat-v1'],
  ['invoke-llama3', 'bedrock/invoke/meta.llama3-8b-instruct-v1:0'],
  ['invoke-llama4', 'bedrock/invoke/meta.llama4-scout-17b-instruct-v1:0'],
  ['invoke-mistral-7b', 'bedrock/invoke/mistral.mistral-7b-instruct-v0:2'],
  ['invoke-mistral-large-2407', 'bedrock/invoke/mistral.mistral-large-2407-v1:0'],
  ['invoke-titan-text', 'bedrock/invoke/amazon.titan-text-express-v1'],
  ['invoke-nova-lite', 'bedrock/invoke/amazon.nova-lite-v1:0'],
  ['invoke-cohere-command', 'bedrock/invoke/cohere.command-text-v14'],
  ['invoke-command-r', 'bedrock/invoke/cohere.command-r-v1:0'],
  ['invoke-jamba', 'bedrock/invoke/ai21.jamba-1-5-mini-v1:0'],
  // Jurassic-2 cannot stream on Bedrock: its streams are answered from one InvokeModel call.
  ['invoke-jurassic-2', 'bedrock/invoke/ai21.j2-mid-v1'],
  ['invoke-deepseek-r1', 'bedrock/invoke/deepseek.r1-v1:0'],
  ['invoke-gpt-oss', 'bedrock/invoke/openai.gpt-oss-20b-1:0'],
  ['invoke-qwen3', 'bedrock/invoke/qwen.qwen3-32b-v1:0'],
  // LiteLLM's spec prefix in front of an imported model; the emulator's Llama stands in for it.
  [
    'invoke-imported-llama',
    'bedrock/llama/arn:aws:bedrock:us-east-1:123456789012:imported-model/abc123xyz',
    '\n      model_id: meta.llama3-8b-instruct-v1:0\n    model_info:\n      base_model: meta.llama3-8b-instruct-v1:0',
  ],
];

/** Legacy ids LiteLLM's documents use as plain `bedrock/<id>` (Converse serves them all). */
const SEED_LEGACY_IDS = [
  'anthropic.claude-instant-v1',
  'anthropic.claude-v2',
  'anthropic.claude-v2:1',
  'meta.llama2-13b-chat-v1',
  'meta.llama2-70b-chat-v1',
  'cohere.command-text-v14',
  'ai21.j2-mid-v1',
  'ai21.j2-ultra-v1',
];

const LLAMA = 'meta.llama3-8b-instruct-v1:0';

/** An InvokeModel Llama deployment whose calls make the emulator inject `faults` (sent as model_id). */
function faultyInvoke(name: string, faults: string): string {
  return deployment(name, `bedrock/invoke/${LLAMA}`, `\n      model_id: ${withFaults(LLAMA, faults)}`);
}

beforeAll(async () => {
  fixture = await startChatFixture(
    FAMILIES.map(([name, model, extra]) => deployment(name, model, extra ?? '')).join('') +
      SEED_LEGACY_IDS.map((id) => deployment(`invoke-seed-${id}`, `bedrock/${id}`)).join('') +
      faultyInvoke('invoke-broken-midstream', 'midstream') +
      faultyInvoke('invoke-flaky', `throttle:2,nonce:${Date.now().toString(36)}`),
    ['invoke-*'],
  );
});

afterAll(async () => {
  await fixture?.close();
});

async function spendRow(requestId: string) {
  await fixture.flushSpend();
  return fixture.prisma.spendLog.findFirst({ where: { requestId } });
}

const MESSAGES: OpenAI.ChatCompletionMessageParam[] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: 'Name a colour.' },
  { role: 'assistant', content: 'Blue.' },
  { role: 'user', content: 'Name a fruit of that colour.' },
];

async function streamed(model: string) {
  const { data: stream, response } = await fixture.client.chat.completions
    .create({
      model,
      messages: MESSAGES,
      max_tokens: 200,
      stream: true,
      stream_options: { include_usage: true },
    })
    .withResponse();
  const chunks: OpenAI.ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return { chunks, requestId: response.headers.get('x-request-id')! };
}

describe('chat completions over InvokeModel', () => {
  it.each(FAMILIES.map(([name]) => name))(
    '%s answers with content, usage, cost and a spend row',
    async (model) => {
      const { data, response } = await fixture.client.chat.completions
        .create({ model, messages: MESSAGES, max_tokens: 200, temperature: 0.5 })
        .withResponse();
      expect(data.object).toBe('chat.completion');
      expect(data.model).toBe(model);
      expect(typeof data.choices[0].message.content).toBe('string');
      expect(data.choices[0].message.content!.length).toBeGreaterThan(0);
      expect(data.choices[0].finish_reason).toBe('stop');
      expect(data.usage!.prompt_tokens).toBeGreaterThan(0);
      expect(data.usage!.completion_tokens).toBeGreaterThan(0);
      const cost = Number(response.headers.get('x-quarry-response-cost'));
      expect(cost).toBeGreaterThan(0);
      const row = await spendRow(response.headers.get('x-request-id')!);
      expect(row).toMatchObject({
        callType: 'chat',
        modelName: model,
        status: 'success',
        promptTokens: data.usage!.prompt_tokens,
        completionTokens: data.usage!.completion_tokens,
      });
      expect(row!.cost).toBeCloseTo(cost, 12);
    },
  );

  it.each(FAMILIES.map(([name]) => name))(
    '%s streams role first, the same text, one finish chunk, then usage with cost',
    async (model) => {
      const unary = await fixture.client.chat.completions.create({
        model,
        messages: MESSAGES,
        max_tokens: 200,
      });
      const { chunks, requestId } = await streamed(model);
      expect(chunks[0].choices[0].delta.role).toBe('assistant');
      const finishes = chunks.filter((chunk) => chunk.choices[0]?.finish_reason);
      expect(finishes).toHaveLength(1);
      expect(finishes[0].choices[0].finish_reason).toBe('stop');
      const last = chunks[chunks.length - 1];
      expect(last.choices).toEqual([]);
      expect(last.usage!.completion_tokens).toBeGreaterThan(0);
      expect((last.usage as { cost?: number }).cost).toBeGreaterThan(0);
      const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
      expect(text).toBe(unary.choices[0].message.content);
      const row = await spendRow(requestId);
      expect(row).toMatchObject({ status: 'success', completionTokens: last.usage!.completion_tokens });
    },
  );

  it("returns DeepSeek R1's thinking as reasoning_content, apart from the answer", async () => {
    const unary = await fixture.client.chat.completions.create({
      model: 'invoke-deepseek-r1',
      messages: MESSAGES,
    });
    const message = unary.choices[0].message as { content: string; reasoning_content?: string };
    expect(message.reasoning_content!.length).toBeGreaterThan(0);
    expect(message.content).not.toContain('</think>');
    const { chunks } = await streamed('invoke-deepseek-r1');
    const reasoning = chunks
      .map((chunk) => (chunk.choices[0]?.delta as { reasoning_content?: string })?.reasoning_content ?? '')
      .join('');
    expect(reasoning.trim()).toBe(message.reasoning_content);
  });

  it('calls tools through the Anthropic Messages body and reads the tool call back', async () => {
    const completion = await fixture.client.chat.completions.create({
      model: 'invoke-claude-3-haiku',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    expect(completion.choices[0].finish_reason).toBe('tool_calls');
    const call = completion.choices[0].message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toHaveProperty('city');
  });

  it('refuses what a text-only format cannot carry, naming the parameter, unless drop_params', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } },
    ];
    await expect(
      fixture.client.chat.completions.create({ model: 'invoke-llama3', messages: MESSAGES, tools }),
    ).rejects.toMatchObject({ status: 400, param: 'tools' });
    await expect(
      fixture.client.chat.completions.create({ model: 'invoke-llama3', messages: MESSAGES, stop: ['\n'] }),
    ).rejects.toMatchObject({ status: 400, param: 'stop' });
    const dropped = await fixture.client.chat.completions.create({
      model: 'invoke-llama3',
      messages: MESSAGES,
      stop: ['\n'],
      drop_params: true,
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(dropped.choices[0].message.content!.length).toBeGreaterThan(0);
  });

  it('retries a throttled InvokeModel call before the first byte and answers', async () => {
    const { data, response } = await fixture.client.chat.completions
      .create({ model: 'invoke-flaky', messages: MESSAGES })
      .withResponse();
    expect(data.choices[0].message.content!.length).toBeGreaterThan(0);
    expect(await spendRow(response.headers.get('x-request-id')!)).toMatchObject({ status: 'success' });
  });

  it('ends an InvokeModel stream that fails midway with the in-band error event and [DONE], booked as an error', async () => {
    const response = await fixture.gateway.request('/v1/chat/completions', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'invoke-broken-midstream', messages: MESSAGES, stream: true },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"error"');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'error' });
    expect(row!.httpStatus).toBeGreaterThanOrEqual(500);
  });

  it.each(SEED_LEGACY_IDS)("answers the seeds' bedrock/%s as written, priced", async (id) => {
    const { data, response } = await fixture.client.chat.completions
      .create({ model: `invoke-seed-${id}`, messages: [{ role: 'user', content: 'Hello' }] })
      .withResponse();
    expect(data.choices[0].message.content!.length).toBeGreaterThan(0);
    expect(Number(response.headers.get('x-quarry-response-cost'))).toBeGreaterThan(0);
  });
});
