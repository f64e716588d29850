// Chat completions through the real openai SDK → gateway → real AWS SDK → emulator.
import { deployment, startChatFixture, type ChatFixture } from './chat-fixture';

let fixture: ChatFixture;

beforeAll(async () => {
  fixture = await startChatFixture(
    deployment(
      'guarded-haiku',
      'bedrock/anthropic.claude-3-haiku-20240307-v1:0',
      '\n      guardrailConfig: {guardrailIdentifier: gr-quarry, guardrailVersion: "1"}',
    ),
    // A guardrail a request names must be one the key may use (test/security/chat-guardrail-access).
    ['guardrail/gr-request'],
  );
});

afterAll(async () => {
  await fixture?.close();
});

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

// 1x1 transparent PNG
const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('POST /v1/chat/completions', () => {
  it('answers a plain request in OpenAI shape, with the model as the caller named it, cost and request id', async () => {
    const { data, response } = await fixture.client.chat.completions
      .create({ model: 'claude-haiku', messages: [{ role: 'user', content: 'Say hello to Quarry' }] })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.id).toMatch(/^chatcmpl-/);
    expect(data.model).toBe('claude-haiku');
    expect(data.choices[0].message.role).toBe('assistant');
    expect(data.choices[0].message.content).toContain('Quarry');
    expect(data.choices[0].finish_reason).toBe('stop');
    expect(data.usage!.prompt_tokens).toBeGreaterThan(0);
    expect(data.usage!.completion_tokens).toBeGreaterThan(0);
    expect(data.usage!.total_tokens).toBe(data.usage!.prompt_tokens + data.usage!.completion_tokens);
    const costHeader = response.headers.get('x-quarry-response-cost')!;
    expect(costHeader).toMatch(/^0\.\d{1,10}$/); // a plain decimal: no float noise, no exponent
    expect(Number(costHeader)).toBeGreaterThan(0);
    expect((data.usage as { cost?: number }).cost).toBe(Number(costHeader));
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('also serves /chat/completions without the /v1 prefix', async () => {
    const response = await fixture.gateway.request('/chat/completions', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'nova-lite', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).choices[0].message.content).toBeTruthy();
  });

  it('streams: a role chunk first, several content deltas, exactly one finish_reason, then usage', async () => {
    const stream = await fixture.client.chat.completions.create({
      model: 'claude-haiku',
      messages: [{ role: 'user', content: 'Tell me a long story about a quarry and its stones' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    const contentChunks = chunks.filter((chunk) => chunk.choices[0]?.delta?.content);
    expect(contentChunks.length).toBeGreaterThan(1);
    const finishChunks = chunks.filter((chunk) => chunk.choices[0]?.finish_reason);
    expect(finishChunks).toHaveLength(1);
    expect(finishChunks[0].choices[0].finish_reason).toBe('stop');
    const last = chunks[chunks.length - 1];
    expect(last.choices).toEqual([]);
    expect(last.usage!.completion_tokens).toBeGreaterThan(0);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it('sends no usage chunk unless include_usage is asked for', async () => {
    const stream = await fixture.client.chat.completions.create({
      model: 'claude-haiku',
      messages: [{ role: 'user', content: 'hello' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(chunks[chunks.length - 1].choices[0].finish_reason).toBe('stop');
  });

  it('round-trips a tool call: tool_calls out, tool result in, a text answer back', async () => {
    const first = await fixture.client.chat.completions.create({
      model: 'claude-haiku',
      messages: [{ role: 'user', content: 'Use get_weather to tell me the weather in Paris' }],
      tools: [weatherTool],
    });
    const message = first.choices[0].message;
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(message.tool_calls).toHaveLength(1);
    const call = message.tool_calls![0];
    expect(call.type).toBe('function');
    if (call.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    expect(typeof JSON.parse(call.function.arguments).city).toBe('string');

    const second = await fixture.client.chat.completions.create({
      model: 'claude-haiku',
      messages: [
        { role: 'user', content: 'Use get_weather to tell me the weather in Paris' },
        message,
        { role: 'tool', tool_call_id: call.id, content: '{"tempC": 21, "sky": "clear"}' },
      ],
      tools: [weatherTool],
    });
    expect(second.choices[0].finish_reason).toBe('stop');
    // The emulator answers a tool result by naming the tool its id belongs to and repeating the result.
    expect(second.choices[0].message.content).toMatch(
      /Here is what the tools returned: get_weather returned \{"tempC": ?21, ?"sky": ?"clear"\}/,
    );
  });

  it('streams tool calls: id and name first, then argument fragments that parse as JSON', async () => {
    const stream = await fixture.client.chat.completions.create({
      model: 'claude-haiku',
      messages: [{ role: 'user', content: 'Call get_weather for Lisbon please' }],
      tools: [weatherTool],
      tool_choice: 'required',
      stream: true,
    });
    const toolDeltas = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      for (const delta of chunk.choices[0]?.delta?.tool_calls ?? []) toolDeltas.push(delta);
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(toolDeltas[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather' } });
    expect(toolDeltas[0].id).toBeTruthy();
    const argumentsText = toolDeltas.map((delta) => delta.function?.arguments ?? '').join('');
    expect(JSON.parse(argumentsText)).toHaveProperty('city');
    expect(finish).toBe('tool_calls');
  });

  it('accepts images as data URLs (vision): the image reaches the model', async () => {
    const ask = (withImage: boolean) =>
      fixture.client.chat.completions.create({
        model: 'claude-haiku',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this picture?' },
              ...(withImage ? [{ type: 'image_url' as const, image_url: { url: PNG_DATA_URL } }] : []),
            ],
          },
        ],
      });
    const [withImage, textOnly] = await Promise.all([ask(true), ask(false)]);
    expect(withImage.choices[0].message.content).toContain('What is in this picture?');
    // The emulator counts each image block it receives as 100 prompt tokens (emulator README).
    expect(withImage.usage!.prompt_tokens - textOnly.usage!.prompt_tokens).toBe(100);
  });

  it('returns JSON matching the schema for response_format json_schema (natively and through a forced tool)', async () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, stones: { type: 'integer' } },
      required: ['name', 'stones'],
      additionalProperties: false,
    };
    for (const model of ['claude-sonnet-4-5', 'claude-haiku']) {
      const completion = await fixture.client.chat.completions.create({
        model,
        messages: [{ role: 'user', content: 'Describe the quarry as JSON' }],
        response_format: { type: 'json_schema', json_schema: { name: 'quarry', schema } },
      });
      const parsed = JSON.parse(completion.choices[0].message.content!);
      expect(typeof parsed.name).toBe('string');
      expect(Number.isInteger(parsed.stones)).toBe(true);
      expect(completion.choices[0].finish_reason).toBe('stop');
      expect(completion.choices[0].message.tool_calls ?? []).toEqual([]);
    }
  });

  it('returns reasoning_content with signed thinking blocks for reasoning_effort, streamed too', async () => {
    const completion = await fixture.client.chat.completions.create({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Think about how many stones a quarry holds' }],
      reasoning_effort: 'low',
    });
    const message = completion.choices[0].message as (typeof completion.choices)[0]['message'] & {
      reasoning_content?: string;
      thinking_blocks?: { type: string; thinking: string; signature: string }[];
    };
    expect(message.reasoning_content).toBeTruthy();
    expect(message.thinking_blocks?.[0]).toMatchObject({ type: 'thinking' });
    expect(message.thinking_blocks?.[0].signature).toBeTruthy();
    expect(message.content).toBeTruthy();

    const stream = await fixture.client.chat.completions.create({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Think about how many stones a quarry holds' }],
      reasoning_effort: 'low',
      stream: true,
    });
    let reasoning = '';
    let content = '';
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as { reasoning_content?: string; content?: string } | undefined;
      reasoning += delta?.reasoning_content ?? '';
      content += delta?.content ?? '';
    }
    expect(reasoning).toBe(message.reasoning_content);
    expect(content).toBe(message.content);
  });

  it('keeps the thinking block across a tool round trip with reasoning enabled', async () => {
    const first = await fixture.client.chat.completions.create({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Use get_weather for Oslo' }],
      tools: [weatherTool],
      reasoning_effort: 'low',
    });
    const message = first.choices[0].message;
    expect(message.tool_calls).toHaveLength(1);
    const second = await fixture.client.chat.completions.create({
      model: 'claude-sonnet-4-5',
      messages: [
        { role: 'user', content: 'Use get_weather for Oslo' },
        message,
        { role: 'tool', tool_call_id: message.tool_calls![0].id, content: 'sunny, 12C' },
      ],
      tools: [weatherTool],
      reasoning_effort: 'low',
    });
    expect(second.choices[0].message.content).toContain('get_weather returned sunny, 12C');
  });

  it('applies a deployment guardrail: an intervention ends with finish_reason content_filter', async () => {
    const blocked = await fixture.client.chat.completions.create({
      model: 'guarded-haiku',
      messages: [{ role: 'user', content: 'Please discuss QUARRY_BLOCK in detail' }],
    });
    expect(blocked.choices[0].finish_reason).toBe('content_filter');
    const allowed = await fixture.client.chat.completions.create({
      model: 'guarded-haiku',
      messages: [{ role: 'user', content: 'Please discuss granite in detail' }],
    });
    expect(allowed.choices[0].finish_reason).toBe('stop');
  });

  it('accepts a per-request guardrailConfig (LiteLLM style) with guarded_text parts', async () => {
    const response = await fixture.gateway.request('/v1/chat/completions', {
      method: 'POST',
      key: fixture.tenant.key,
      json: {
        model: 'claude-haiku',
        guardrailConfig: { guardrailIdentifier: 'gr-request', guardrailVersion: 'DRAFT' },
        messages: [{ role: 'user', content: [{ type: 'guarded_text', text: 'QUARRY_BLOCK here' }] }],
      },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).choices[0].finish_reason).toBe('content_filter');
  });

  it('turns cache_control into cache points: a write first, then cached_tokens on the next call', async () => {
    // A prefix no other run has sent, so the first call must write the cache.
    const manual = `Quarry manual ${Date.now().toString(36)}. ${'Granite, marble and slate are cut in blocks. '.repeat(40)}`;
    const ask = () =>
      fixture.client.chat.completions.create({
        model: 'claude-sonnet-4-5',
        messages: [
          {
            role: 'system',
            // @ts-expect-error cache_control on a content part is Anthropic's (and LiteLLM's) extension
            content: [{ type: 'text', text: manual, cache_control: { type: 'ephemeral' } }],
          },
          { role: 'user', content: 'What is cut in blocks?' },
        ],
      });
    type CacheUsage = {
      cache_creation_input_tokens?: number;
      prompt_tokens_details?: { cached_tokens?: number };
    };
    const first = (await ask()).usage as CacheUsage & { prompt_tokens: number };
    expect(first.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(first.prompt_tokens_details?.cached_tokens ?? 0).toBe(0);
    const second = (await ask()).usage as CacheUsage & { prompt_tokens: number };
    expect(second.prompt_tokens_details?.cached_tokens).toBe(first.cache_creation_input_tokens);
    // prompt_tokens counts cached tokens too, so it stays the same from one call to the next.
    expect(second.prompt_tokens).toBe(first.prompt_tokens);
  });
});

describe('requestMetadata', () => {
  it('reaches Bedrock when it fits Bedrock’s limits, and is a 400 naming the key when it does not', async () => {
    const accepted = await fixture.gateway.request('/v1/chat/completions', {
      method: 'POST',
      key: fixture.tenant.key,
      json: {
        model: 'claude-haiku',
        messages: [{ role: 'user', content: 'hi' }],
        requestMetadata: { 'team:app': 'search', ticket: 'QRY-123' },
      },
    });
    expect(accepted.status).toBe(200);

    const refused = await fixture.gateway.request('/v1/chat/completions', {
      method: 'POST',
      key: fixture.tenant.key,
      json: {
        model: 'claude-haiku',
        messages: [{ role: 'user', content: 'hi' }],
        requestMetadata: { 'owner<script>': 'x' },
      },
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as any).error.param).toBe('requestMetadata.owner<script>');
  });
});

describe('documents through image_url (LiteLLM’s documented form)', () => {
  const PDF_DATA_URL = `data:application/pdf;base64,${Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n').toString('base64')}`;

  it('sends a PDF data URL, given as the image_url string itself, to Bedrock as a document', async () => {
    const ask = (withDocument: boolean) =>
      fixture.client.chat.completions.create({
        model: 'claude-haiku',
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this file about?' },
              // @ts-expect-error the URL string alone is LiteLLM's shorthand, not in OpenAI's types
              ...(withDocument ? [{ type: 'image_url', image_url: PDF_DATA_URL }] : []),
            ],
          },
        ],
      });
    const withoutDocument = await ask(false);
    const withDocument = await ask(true);
    expect(withDocument.choices[0].message.content).toBeTruthy();
    // The emulator counts a document block as a fixed number of prompt tokens: it reached the model.
    expect(withDocument.usage!.prompt_tokens).toBeGreaterThan(withoutDocument.usage!.prompt_tokens);
  });

  it('refuses a data URL that is neither an image nor a document, naming the field', async () => {
    const response = await fixture.gateway.request('/v1/chat/completions', {
      method: 'POST',
      key: fixture.tenant.key,
      json: {
        model: 'claude-haiku',
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: 'data:application/zip;base64,UEsDBA==' } }],
          },
        ],
      },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.param).toBe('messages[0].content[0].image_url.url');
  });
});

describe('model modes', () => {
  it('answers a 400 naming the right endpoint when a chat request names an embedding model', async () => {
    const response = await fixture.gateway.request('/v1/chat/completions', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'titan-embed', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as any;
    expect(error).toMatchObject({ param: 'model', code: 'wrong_endpoint' });
    expect(error.message).toContain('/v1/embeddings');
  });
});
