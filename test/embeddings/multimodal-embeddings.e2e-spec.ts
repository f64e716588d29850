// POST /v1/embeddings for the multimodal embedding models, Cohere Embed v4 and Amazon Nova Multimodal
// Embeddings, with the openai SDK against the emulator: texts and images, choosable dimensions, the
// models' own settings (input_type, truncate), usage, cost and a spend row.
import { deployment, startChatFixture, type ChatFixture } from '../chat/chat-fixture';

let fixture: ChatFixture;

beforeAll(async () => {
  fixture = await startChatFixture(
    [
      // No model_info.mode: the mode is inferred from the model id.
      deployment('embed-cohere-v4', 'bedrock/cohere.embed-v4:0'),
      deployment('embed-nova', 'bedrock/amazon.nova-2-multimodal-embeddings-v1:0'),
    ].join(''),
    ['embed-*'],
  );
});

afterAll(async () => {
  await fixture?.close();
});

const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

async function refusal(json: Record<string, unknown>) {
  const response = await fixture.gateway.request('/v1/embeddings', {
    method: 'POST',
    key: fixture.tenant.key,
    json,
  });
  return { status: response.status, error: ((await response.json()) as any).error };
}

describe.each([
  ['embed-cohere-v4', 1536, 256],
  ['embed-nova', 3072, 384],
])('%s', (model, defaultLength, shorterLength) => {
  it('embeds a list of texts in order, with usage, cost and a spend row', async () => {
    const { data, response } = await fixture.client.embeddings
      .create({ model, input: ['first text', 'second text'] })
      .withResponse();
    expect(data.data.map((item) => item.embedding.length)).toEqual([defaultLength, defaultLength]);
    expect(data.data[0].embedding).not.toEqual(data.data[1].embedding);
    expect(data.usage.prompt_tokens).toBeGreaterThan(0);
    const cost = Number(response.headers.get('x-quarry-response-cost'));
    expect(cost).toBeGreaterThan(0);

    await fixture.flushSpend();
    const row = await fixture.prisma.spendLog.findFirst({
      where: { requestId: response.headers.get('x-request-id')! },
    });
    expect(row).toMatchObject({
      callType: 'embeddings',
      modelName: model,
      status: 'success',
      promptTokens: data.usage.prompt_tokens,
    });
    expect(row!.cost).toBeCloseTo(cost, 12);
  });

  it('keeps the order of the inputs: a text embedded alone gets the same vector', async () => {
    const listed = await fixture.client.embeddings.create({ model, input: ['one', 'two', 'three'] });
    const alone = await fixture.client.embeddings.create({ model, input: 'three' });
    expect(listed.data[2].embedding).toEqual(alone.data[0].embedding);
  });

  it('embeds an image data URL, differently from a text', async () => {
    const image = await fixture.client.embeddings.create({ model, input: PNG_DATA_URL });
    const text = await fixture.client.embeddings.create({ model, input: 'a picture' });
    expect(image.data[0].embedding).toHaveLength(defaultLength);
    expect(image.data[0].embedding).not.toEqual(text.data[0].embedding);
  });

  it('makes shorter vectors on request and names the lengths it can make otherwise', async () => {
    const short = await fixture.client.embeddings.create({ model, input: 'x', dimensions: shorterLength });
    expect(short.data[0].embedding).toHaveLength(shorterLength);
    const refused = await refusal({ model, input: 'x', dimensions: 300 });
    expect(refused.status).toBe(400);
    expect(refused.error.param).toBe('dimensions');
    expect(refused.error.message).toContain(String(defaultLength));
  });

  it('answers base64 as the float32 bytes of the vector', async () => {
    const floats = await fixture.client.embeddings.create({ model, input: 'encode me' });
    const encoded = await fixture.client.embeddings.create({
      model,
      input: 'encode me',
      encoding_format: 'base64',
    });
    // Asked for explicitly, base64 reaches the caller as the string OpenAI sends.
    const bytes = Buffer.from(encoded.data[0].embedding as unknown as string, 'base64');
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
    expect(decoded).toHaveLength(floats.data[0].embedding.length);
    decoded.forEach((value, index) => expect(value).toBeCloseTo(floats.data[0].embedding[index], 5));
  });
});

describe('model settings', () => {
  it('Cohere v4: input_type changes the vector; truncate in either spelling reaches Bedrock', async () => {
    const document = await fixture.client.embeddings.create({ model: 'embed-cohere-v4', input: 'query' });
    const query = await fixture.client.embeddings.create({
      model: 'embed-cohere-v4',
      input: 'query',
      input_type: 'search_query',
      truncate: 'END',
    } as any);
    expect(query.data[0].embedding).not.toEqual(document.data[0].embedding);
    const right = await fixture.client.embeddings.create({
      model: 'embed-cohere-v4',
      input: 'query',
      input_type: 'search_query',
      truncate: 'RIGHT',
    } as any);
    expect(right.data[0].embedding).toEqual(query.data[0].embedding);
  });

  it('Nova: input_type is the embedding purpose; an unknown purpose is a 400 naming input_type', async () => {
    const index = await fixture.client.embeddings.create({ model: 'embed-nova', input: 'doc' });
    const retrieval = await fixture.client.embeddings.create({
      model: 'embed-nova',
      input: 'doc',
      input_type: 'generic_retrieval',
    } as any);
    expect(retrieval.data[0].embedding).not.toEqual(index.data[0].embedding);
    const refused = await refusal({ model: 'embed-nova', input: 'doc', input_type: 'search_document' });
    expect(refused.status).toBe(400);
    expect(refused.error.param).toBe('input_type');
    expect(refused.error.message).toContain('GENERIC_RETRIEVAL');
  });

  it('Nova: an image type Nova cannot read is a 400 naming the input', async () => {
    const refused = await refusal({
      model: 'embed-nova',
      input: ['text', 'data:image/tiff;base64,AAAA'],
    });
    expect(refused.status).toBe(400);
    expect(refused.error.param).toBe('input[1]');
  });
});
