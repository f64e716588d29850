// POST /v1/embeddings with the openai SDK against the emulator: every Bedrock embedding family Quarry
// serves, list inputs, base64 vectors, Cohere's batching, mode checks, and a spend row per request.
import { deployment, startChatFixture, type ChatFixture } from '../chat/chat-fixture';

let fixture: ChatFixture;
const embedding = '\n    model_info:\n      mode: embedding';

beforeAll(async () => {
  fixture = await startChatFixture(
    [
      deployment('embed-titan-v1', 'bedrock/amazon.titan-embed-text-v1', embedding),
      deployment('embed-titan-v2', 'bedrock/amazon.titan-embed-text-v2:0', embedding),
      deployment('embed-titan-image', 'bedrock/amazon.titan-embed-image-v1', embedding),
      deployment('embed-cohere', 'bedrock/cohere.embed-english-v3', embedding),
      deployment('embed-cohere-multilingual', 'bedrock/cohere.embed-multilingual-v3', embedding),
    ].join(''),
    ['embed-*'],
  );
});

afterAll(async () => {
  await fixture?.close();
});

async function spendRow(requestId: string) {
  await fixture.flushSpend();
  return fixture.prisma.spendLog.findFirst({ where: { requestId } });
}

const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('POST /v1/embeddings', () => {
  it.each([
    ['embed-titan-v1', 1536],
    ['embed-titan-v2', 1024],
    ['embed-titan-image', 1024],
    ['embed-cohere', 1024],
    ['embed-cohere-multilingual', 1024],
  ])('%s embeds a list of inputs in order, with usage, cost and a spend row', async (model, length) => {
    const { data, response } = await fixture.client.embeddings
      .create({ model, input: ['first text', 'second text', 'third text'] })
      .withResponse();
    expect(data.object).toBe('list');
    expect(data.model).toBe(model);
    expect(data.data.map((item) => item.index)).toEqual([0, 1, 2]);
    for (const item of data.data) expect(item.embedding).toHaveLength(length);
    // Different texts, different vectors: the order is the inputs' order, not a copy of one answer.
    expect(data.data[0].embedding).not.toEqual(data.data[1].embedding);
    expect(data.usage.prompt_tokens).toBeGreaterThan(0);
    expect(data.usage.total_tokens).toBe(data.usage.prompt_tokens);

    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({
      callType: 'embeddings',
      modelName: model,
      status: 'success',
      promptTokens: data.usage.prompt_tokens,
      completionTokens: 0,
    });
    const cost = Number(response.headers.get('x-quarry-response-cost'));
    expect(cost).toBeGreaterThan(0);
    expect(row!.cost).toBeCloseTo(cost, 12);
  });

  it('gives the same vector for the same input, whatever else is in the list', async () => {
    const alone = await fixture.client.embeddings.create({ model: 'embed-titan-v2', input: 'second text' });
    const listed = await fixture.client.embeddings.create({
      model: 'embed-titan-v2',
      input: ['first text', 'second text'],
    });
    expect(listed.data[1].embedding).toEqual(alone.data[0].embedding);
  });

  it('answers base64 as the float32 bytes of the same vector (the SDK decodes it)', async () => {
    const floats = await fixture.client.embeddings.create({
      model: 'embed-titan-v2',
      input: 'encode me',
      encoding_format: 'float',
    });
    const raw = await fixture.gateway.request('/v1/embeddings', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'embed-titan-v2', input: 'encode me', encoding_format: 'base64' },
    });
    const encoded = ((await raw.json()) as any).data[0].embedding as string;
    const decoded = Array.from(new Float32Array(new Uint8Array(Buffer.from(encoded, 'base64')).buffer));
    expect(decoded).toHaveLength(1024);
    decoded.forEach((value, index) => expect(value).toBeCloseTo(floats.data[0].embedding[index], 5));
  });

  it('passes dimensions to Titan v2 and refuses a length the model cannot make, naming the choices', async () => {
    const short = await fixture.client.embeddings.create({
      model: 'embed-titan-v2',
      input: 'x',
      dimensions: 256,
    });
    expect(short.data[0].embedding).toHaveLength(256);
    const refused = await fixture.gateway.request('/v1/embeddings', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'embed-titan-v2', input: 'x', dimensions: 300 },
    });
    expect(refused.status).toBe(400);
    const { error } = (await refused.json()) as any;
    expect(error.param).toBe('dimensions');
    expect(error.message).toContain('1024, 512, 256');
  });

  it('batches Cohere inputs 96 to a call and keeps 200 inputs in order', async () => {
    const input = Array.from({ length: 200 }, (_, index) => `text number ${index}`);
    const listed = await fixture.client.embeddings.create({ model: 'embed-cohere', input });
    expect(listed.data).toHaveLength(200);
    const last = await fixture.client.embeddings.create({ model: 'embed-cohere', input: 'text number 199' });
    expect(listed.data[199].embedding).toEqual(last.data[0].embedding);
  });

  it('embeds an image given as a data URL with the Titan multimodal model', async () => {
    const image = await fixture.client.embeddings.create({ model: 'embed-titan-image', input: PNG_DATA_URL });
    const text = await fixture.client.embeddings.create({ model: 'embed-titan-image', input: 'a picture' });
    expect(image.data[0].embedding).toHaveLength(1024);
    expect(image.data[0].embedding).not.toEqual(text.data[0].embedding);
  });

  it('answers a chat model with a 400 naming /v1/chat/completions, and token-id inputs with a 400', async () => {
    const wrongMode = await fixture.gateway.request('/embeddings', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'claude-haiku', input: 'x' },
    });
    expect(wrongMode.status).toBe(400);
    expect(((await wrongMode.json()) as any).error).toMatchObject({ code: 'wrong_endpoint', param: 'model' });

    const tokens = await fixture.gateway.request('/v1/embeddings', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'embed-titan-v2', input: [[1, 2, 3]] },
    });
    expect(tokens.status).toBe(400);
    expect(((await tokens.json()) as any).error.param).toBe('input[0]');
  });
});
