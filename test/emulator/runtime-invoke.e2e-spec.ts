// InvokeModel for each model family (chat, embeddings, images, rerank), CountTokens and ApplyGuardrail
// through the real SDK over HTTP/2 and HTTP/1.1.
import {
  ApplyGuardrailCommand,
  ConverseCommand,
  CountTokensCommand,
  InvokeModelCommand,
  type BedrockRuntimeClient,
} from '@aws-sdk/client-bedrock-runtime';
import { inflateSync } from 'node:zlib';

import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { captureResponseHeaders, HAIKU, runtimeClient, TRANSPORTS } from './runtime-clients';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emulator?.close();
});

const REPLY = 'This is a deterministic reply from the Quarry Bedrock emulator. You said:';

/** Width, height and pixel bytes of a PNG, checked the way an image decoder would. */
function decodePng(base64: string): { width: number; height: number; pixels: Buffer } {
  const png = Buffer.from(base64, 'base64');
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatLength = png.readUInt32BE(33);
  expect(png.toString('ascii', 37, 41)).toBe('IDAT');
  return { width, height, pixels: inflateSync(png.subarray(41, 41 + idatLength)) };
}

describe.each(TRANSPORTS)('InvokeModel over %s', (transport) => {
  let client: BedrockRuntimeClient;
  let headers: { last: Record<string, string> };

  beforeAll(() => {
    client = runtimeClient(emulator.endpoint, transport, { maxAttempts: 1 });
    headers = captureResponseHeaders(client);
  });

  afterAll(() => client.destroy());

  async function invoke(modelId: string, body: unknown): Promise<any> {
    const response = await client.send(
      new InvokeModelCommand({
        modelId,
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify(body),
      }),
    );
    expect(response.contentType).toBe('application/json');
    return JSON.parse(response.body.transformToString());
  }

  it('answers an Anthropic Messages body natively and reports token headers', async () => {
    const body = await invoke(`arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${HAIKU}`, {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 200,
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'native hello' }] }],
    });
    expect(body).toMatchObject({
      id: expect.stringMatching(/^msg_bdrk_01/),
      type: 'message',
      role: 'assistant',
      model: 'claude-3-haiku-20240307',
      content: [{ type: 'text', text: `${REPLY} native hello` }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 6, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
    expect(headers.last['x-amzn-bedrock-input-token-count']).toBe('6');
    expect(headers.last['x-amzn-bedrock-output-token-count']).toBe(String(body.usage.output_tokens));
    expect(Number(headers.last['x-amzn-bedrock-invocation-latency'])).toBeGreaterThanOrEqual(0);
  });

  it('answers Anthropic tool use with toolu ids, and rejects a tool_result without its tool_use', async () => {
    const tools = [
      {
        name: 'get_time',
        description: 'time',
        input_schema: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] },
      },
    ];
    const body = await invoke(HAIKU, {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 200,
      tools,
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'What time is it in Tokyo?' }],
    });
    expect(body.stop_reason).toBe('tool_use');
    expect(body.content).toEqual([
      {
        type: 'tool_use',
        id: expect.stringMatching(/^toolu_bdrk_01/),
        name: 'get_time',
        input: { zone: 'Tokyo' },
      },
    ]);
    await expect(
      invoke(HAIKU, {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 200,
        tools,
        messages: [
          { role: 'user', content: 'time?' },
          { role: 'assistant', content: [{ type: 'text', text: 'no tool' }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', content: '12:00' }] },
        ],
      }),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('unexpected `tool_use_id` found in `tool_result` blocks: toolu_x'),
    });
  });

  it('rejects an Anthropic body with an extraneous or a missing key', async () => {
    const base = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'x' }],
    };
    await expect(invoke(HAIKU, { ...base, stream: true })).rejects.toMatchObject({
      name: 'ValidationException',
      message:
        'Malformed input request: #: extraneous key [stream] is not permitted, please reformat your input and try again.',
    });
    await expect(
      invoke(HAIKU, { messages: base.messages, anthropic_version: base.anthropic_version }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('required key [max_tokens] not found'),
    });
  });

  it.each([
    [
      'meta.llama3-1-8b-instruct-v1:0',
      {
        prompt:
          '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi llama<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
        max_gen_len: 100,
      },
      (body: any) => body.generation,
    ],
    [
      'mistral.mixtral-8x7b-instruct-v0:1',
      { prompt: '<s>[INST] hi mixtral [/INST]', max_tokens: 100 },
      (body: any) => body.outputs[0].text,
    ],
    [
      'mistral.mistral-large-2407-v1:0',
      { messages: [{ role: 'user', content: 'hi large' }], max_tokens: 100 },
      (body: any) => body.choices[0].message.content,
    ],
    [
      'amazon.titan-text-premier-v1:0',
      { inputText: 'User: hi titan\nBot:', textGenerationConfig: { maxTokenCount: 100 } },
      (body: any) => body.results[0].outputText,
    ],
    [
      'amazon.nova-pro-v1:0',
      {
        schemaVersion: 'messages-v1',
        messages: [{ role: 'user', content: [{ text: 'hi nova' }] }],
        inferenceConfig: { max_new_tokens: 100 },
      },
      (body: any) => body.output.message.content[0].text,
    ],
    ['cohere.command-r-plus-v1:0', { message: 'hi command', preamble: 'Be kind.' }, (body: any) => body.text],
    [
      'ai21.jamba-1-5-large-v1:0',
      {
        messages: [
          { role: 'system', content: 'terse' },
          { role: 'user', content: 'hi jamba' },
        ],
      },
      (body: any) => body.choices[0].message.content,
    ],
    [
      'openai.gpt-oss-120b-1:0',
      { messages: [{ role: 'user', content: 'hi gpt' }], max_completion_tokens: 100 },
      (body: any) => body.choices[0].message.content,
    ],
  ])('answers %s in its native response shape', async (modelId, request, textOf) => {
    const body = await invoke(modelId, request);
    const lastWords = JSON.stringify(request).match(/hi \w+/)![0];
    expect(textOf(body)).toBe(`${REPLY} ${lastWords}`);
    expect(Number(headers.last['x-amzn-bedrock-output-token-count'])).toBe(
      Math.ceil(textOf(body).length / 4),
    );
  });

  it('returns deterministic Titan text v1 / v2 and multimodal embeddings of the requested size', async () => {
    const v1 = await invoke('amazon.titan-embed-text-v1', { inputText: 'hello world' });
    expect(v1.embedding).toHaveLength(1536);
    expect(v1.inputTextTokenCount).toBe(3);
    const v2 = await invoke('amazon.titan-embed-text-v2:0', {
      inputText: 'hello world',
      dimensions: 256,
      embeddingTypes: ['float', 'binary'],
    });
    expect(v2.embedding).toHaveLength(256);
    expect(Math.hypot(...v2.embedding)).toBeCloseTo(1, 3);
    expect(v2.embeddingsByType.binary).toEqual(v2.embedding.map((value: number) => (value > 0 ? 1 : 0)));
    expect(
      (await invoke('amazon.titan-embed-text-v2:0', { inputText: 'hello world', dimensions: 256 })).embedding,
    ).toEqual(v2.embedding);
    expect(
      (await invoke('amazon.titan-embed-text-v2:0', { inputText: 'other', dimensions: 256 })).embedding,
    ).not.toEqual(v2.embedding);
    const image = await invoke('amazon.titan-embed-image-v1', {
      inputText: 'a cat',
      embeddingConfig: { outputEmbeddingLength: 384 },
    });
    expect(image.embedding).toHaveLength(384);
    await expect(
      invoke('amazon.titan-embed-text-v2:0', { inputText: 'x', dimensions: 100 }),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('#/dimensions'),
    });
  });

  it('returns Cohere embeddings as floats or by type', async () => {
    const floats = await invoke('cohere.embed-english-v3', {
      texts: ['a', 'b'],
      input_type: 'search_document',
    });
    expect(floats).toMatchObject({ response_type: 'embeddings_floats', texts: ['a', 'b'] });
    expect(floats.embeddings.map((vector: number[]) => vector.length)).toEqual([1024, 1024]);
    const byType = await invoke('cohere.embed-multilingual-v3', {
      texts: ['a'],
      input_type: 'search_query',
      embedding_types: ['float', 'int8'],
    });
    expect(byType.response_type).toBe('embeddings_by_type');
    expect(byType.embeddings.int8[0]).toHaveLength(1024);
    expect(
      byType.embeddings.int8[0].every(
        (value: number) => Number.isInteger(value) && value >= -128 && value <= 127,
      ),
    ).toBe(true);
    await expect(invoke('cohere.embed-english-v3', { texts: ['a'] })).rejects.toMatchObject({
      message: expect.stringContaining('required key [input_type] not found'),
    });
  });

  it('generates valid PNG images for Stability, SDXL, Titan Image and Nova Canvas', async () => {
    const sd3 = await invoke('stability.sd3-5-large-v1:0', {
      prompt: 'a panda',
      aspect_ratio: '1:1',
      seed: 7,
    });
    expect(sd3).toMatchObject({ seeds: [7], finish_reasons: [null] });
    const sdxl = await invoke('stability.stable-diffusion-xl-v1', {
      text_prompts: [{ text: 'a panda' }],
      seed: 7,
    });
    expect(sdxl).toMatchObject({ result: 'success', artifacts: [{ seed: 7, finishReason: 'SUCCESS' }] });
    const titan = await invoke('amazon.titan-image-generator-v2:0', {
      taskType: 'TEXT_IMAGE',
      textToImageParams: { text: 'a panda' },
      imageGenerationConfig: { numberOfImages: 2, seed: 3 },
    });
    const canvas = await invoke('amazon.nova-canvas-v1:0', {
      taskType: 'TEXT_IMAGE',
      textToImageParams: { text: 'a panda' },
    });
    expect(titan.images).toHaveLength(2);
    expect(titan.error).toBeNull();
    for (const image of [sd3.images[0], sdxl.artifacts[0].base64, ...titan.images, canvas.images[0]]) {
      const { width, height, pixels } = decodePng(image);
      expect([width, height]).toEqual([64, 64]);
      expect(pixels).toHaveLength(64 * (1 + 64 * 3));
    }
    expect(titan.images[0]).not.toEqual(titan.images[1]);
  });

  it('filters image prompts with the marker word', async () => {
    const sd3 = await invoke('stability.stable-image-core-v1:1', { prompt: 'QUARRY_BLOCK scene' });
    expect(sd3).toEqual({ seeds: [0], finish_reasons: ['Filter reason: prompt'], images: [] });
    await expect(
      invoke('amazon.titan-image-generator-v1', {
        taskType: 'TEXT_IMAGE',
        textToImageParams: { text: 'QUARRY_BLOCK' },
      }),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('blocked by our content filters'),
    });
  });

  it('reranks documents with Cohere Rerank by query-word overlap', async () => {
    const body = await invoke('cohere.rerank-v3-5:0', {
      query: 'granite rock',
      documents: ['soft cheese', 'granite is a rock', 'rock music'],
      top_n: 2,
      api_version: 2,
    });
    expect(body.results.map((result: { index: number }) => result.index)).toEqual([1, 2]);
  });

  it('counts tokens for Claude from a Converse input and from an InvokeModel body, matching what Converse bills', async () => {
    const messages = [{ role: 'user' as const, content: [{ text: 'count these words for me' }] }];
    const counted = await client.send(
      new CountTokensCommand({ modelId: HAIKU, input: { converse: { messages } } }),
    );
    const billed = await client.send(new ConverseCommand({ modelId: HAIKU, messages }));
    expect(counted.inputTokens).toBe(billed.usage!.inputTokens);
    const invokeBody = {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'count these words for me' }],
    };
    const fromInvoke = await client.send(
      new CountTokensCommand({
        modelId: HAIKU,
        input: { invokeModel: { body: new TextEncoder().encode(JSON.stringify(invokeBody)) } },
      }),
    );
    expect(fromInvoke.inputTokens).toBe(counted.inputTokens);
    await expect(
      client.send(
        new CountTokensCommand({
          modelId: 'meta.llama3-8b-instruct-v1:0',
          input: { converse: { messages } },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("doesn't support counting tokens"),
    });
  });

  it('applies a guardrail: NONE for clean text, GUARDRAIL_INTERVENED for the marker word', async () => {
    const clean = await client.send(
      new ApplyGuardrailCommand({
        guardrailIdentifier: 'gr-abc',
        guardrailVersion: '1',
        source: 'INPUT',
        content: [{ text: { text: 'hello' } }],
      }),
    );
    expect(clean).toMatchObject({ action: 'NONE', outputs: [] });
    expect(clean.usage?.topicPolicyUnits).toBe(1);
    const blocked = await client.send(
      new ApplyGuardrailCommand({
        guardrailIdentifier: 'gr-abc',
        guardrailVersion: 'DRAFT',
        source: 'OUTPUT',
        content: [{ text: { text: 'QUARRY_BLOCK me' } }],
      }),
    );
    expect(blocked.action).toBe('GUARDRAIL_INTERVENED');
    expect(blocked.outputs).toEqual([{ text: 'Sorry, the model cannot answer this question.' }]);
    expect(blocked.assessments?.[0].wordPolicy?.customWords?.[0]).toMatchObject({
      match: 'QUARRY_BLOCK',
      action: 'BLOCKED',
    });
    await expect(
      client.send(
        new ApplyGuardrailCommand({
          guardrailIdentifier: 'gr-abc',
          guardrailVersion: 'v2',
          source: 'INPUT',
          content: [{ text: { text: 'x' } }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("'guardrailVersion'"),
    });
  });

  it('blocks a native invoke with guardrail headers and the marker word', async () => {
    const response = await client.send(
      new InvokeModelCommand({
        modelId: HAIKU,
        contentType: 'application/json',
        guardrailIdentifier: 'gr-abc',
        guardrailVersion: '1',
        body: JSON.stringify({
          anthropic_version: 'bedrock-2023-05-31',
          max_tokens: 50,
          messages: [{ role: 'user', content: 'QUARRY_BLOCK' }],
        }),
      }),
    );
    const body = JSON.parse(response.body.transformToString());
    expect(body['amazon-bedrock-guardrailAction']).toBe('INTERVENED');
    expect(body.content[0].text).toBe('Sorry, the model cannot answer this question.');
  });
});
