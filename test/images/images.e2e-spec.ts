// POST /v1/images/generations with the openai SDK against the emulator: every Bedrock image family
// Quarry serves (the seeds' `stability.stability.sd3-large-v1:0` as written), real PNG bytes, sizes a
// model cannot make, `url` refused, and a priced spend row per request.
import { deployment, startChatFixture, type ChatFixture } from '../chat/chat-fixture';

let fixture: ChatFixture;

const MODELS: Array<[name: string, model: string, price: number]> = [
  ['img-sd3', 'bedrock/stability.stability.sd3-large-v1:0', 0.08],
  ['img-sd35', 'bedrock/stability.sd3-5-large-v1:0', 0.08],
  ['img-core', 'bedrock/stability.stable-image-core-v1:1', 0.04],
  ['img-ultra', 'bedrock/stability.stable-image-ultra-v1:1', 0.14],
  ['img-sdxl', 'bedrock/stability.stable-diffusion-xl-v1', 0.04],
  // SDXL 0.8 makes 512x512 by default, at most 50 steps: $0.018.
  ['img-sdxl-v0', 'bedrock/stability.stable-diffusion-xl-v0', 0.018],
  ['img-titan-v1', 'bedrock/amazon.titan-image-generator-v1', 0.01],
  ['img-titan-v2', 'bedrock/amazon.titan-image-generator-v2:0', 0.008],
  ['img-canvas', 'bedrock/amazon.nova-canvas-v1:0', 0.06],
];

beforeAll(async () => {
  fixture = await startChatFixture(MODELS.map(([name, model]) => deployment(name, model)).join(''), [
    'img-*',
  ]);
});

afterAll(async () => {
  await fixture?.close();
});

async function spendRow(requestId: string) {
  await fixture.flushSpend();
  return fixture.prisma.spendLog.findFirst({ where: { requestId } });
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function generate(json: Record<string, unknown>) {
  const response = await fixture.gateway.request('/v1/images/generations', {
    method: 'POST',
    key: fixture.tenant.key,
    json,
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('POST /v1/images/generations', () => {
  it.each(MODELS)(
    '%s (%s) makes a PNG, priced per image in the header and the spend row',
    async (name, _model, price) => {
      const { data, response } = await fixture.client.images
        .generate({ model: name, prompt: 'a lighthouse at dusk', response_format: 'b64_json' })
        .withResponse();
      expect(data.data).toHaveLength(1);
      const png = Buffer.from(data.data![0].b64_json!, 'base64');
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(data.created).toBeGreaterThan(0);

      const cost = Number(response.headers.get('x-quarry-response-cost'));
      expect(cost).toBeCloseTo(price, 10);
      const row = await spendRow(response.headers.get('x-request-id')!);
      expect(row).toMatchObject({ callType: 'image_generation', modelName: name, status: 'success' });
      expect(row!.cost).toBeCloseTo(price, 10);
    },
  );

  it('makes n images with Titan, priced per image and size tier, premium for hd', async () => {
    const { data, response } = await fixture.client.images
      .generate({ model: 'img-titan-v2', prompt: 'three boats', n: 3, size: '1408x768', quality: 'hd' })
      .withResponse();
    expect(data.data).toHaveLength(3);
    expect(new Set(data.data!.map((image) => image.b64_json)).size).toBe(3);
    // Titan v2 above 1024x1024 pixels at premium quality: $0.012 an image.
    expect(Number(response.headers.get('x-quarry-response-cost'))).toBeCloseTo(3 * 0.012, 10);
  });

  it('makes n images with Stability, one call each: seeded images differ yet repeat', async () => {
    const three = await generate({ model: 'img-sd3', prompt: 'a blue cone', n: 3, seed: 11 });
    expect(three.status).toBe(200);
    expect(three.body.data).toHaveLength(3);
    expect(new Set(three.body.data.map((image: any) => image.b64_json)).size).toBe(3);
    expect(three.body.usage.cost).toBeCloseTo(3 * 0.08, 10);
    // The first image is the one the seed alone makes; the others follow from seed + 1, seed + 2.
    const alone = await generate({ model: 'img-sd3', prompt: 'a blue cone', seed: 11 });
    const next = await generate({ model: 'img-sd3', prompt: 'a blue cone', seed: 12 });
    expect(three.body.data[0].b64_json).toBe(alone.body.data[0].b64_json);
    expect(three.body.data[1].b64_json).toBe(next.body.data[0].b64_json);
    const tooMany = await generate({ model: 'img-sd3', prompt: 'x', n: 11 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.param).toBe('n');
  });

  it('prices SDXL by steps: more than 50 is the max-steps price', async () => {
    const { status, body } = await generate({
      model: 'img-sdxl',
      prompt: 'a fox',
      steps: 60,
      size: '640x1536',
    });
    expect(status).toBe(200);
    expect(body.usage.cost).toBeCloseTo(0.08, 10);
  });

  it('the same prompt and seed give the same image; another seed another one', async () => {
    const first = await generate({ model: 'img-sd3', prompt: 'a red cube', seed: 7, size: '1344x768' });
    const again = await generate({ model: 'img-sd3', prompt: 'a red cube', seed: 7, aspect_ratio: '16:9' });
    const other = await generate({ model: 'img-sd3', prompt: 'a red cube', seed: 8 });
    expect(first.body.data[0].b64_json).toBe(again.body.data[0].b64_json);
    expect(other.body.data[0].b64_json).not.toBe(first.body.data[0].b64_json);
  });

  it.each([
    ['img-sdxl', '128x512', '1024x1024, 1152x896'],
    ['img-titan-v1', '1000x1000', '1024x1024, 768x768, 512x512'],
    ['img-sd3', '100x100', '1344x768'],
    ['img-canvas', '4096x4096', 'at most 4194304 pixels'],
  ])('%s refuses size %s with a 400 naming the sizes it can make', async (model, size, named) => {
    const { status, body } = await generate({ model, prompt: 'x', size });
    expect(status).toBe(400);
    expect(body.error.param).toBe('size');
    expect(body.error.message).toContain(named);
  });

  it("refuses response_format 'url', settings a model does not take, and a chat model", async () => {
    const url = await generate({ model: 'img-titan-v2', prompt: 'x', response_format: 'url' });
    expect(url.status).toBe(400);
    expect(url.body.error.param).toBe('response_format');
    expect(url.body.error.message).toContain('b64_json');

    const steps = await generate({ model: 'img-titan-v2', prompt: 'x', steps: 40 });
    expect(steps.status).toBe(400);
    expect(steps.body.error.param).toBe('steps');
    const dropped = await generate({ model: 'img-titan-v2', prompt: 'x', steps: 40, drop_params: true });
    expect(dropped.status).toBe(200);

    const chat = await generate({ model: 'claude-haiku', prompt: 'x' });
    expect(chat.status).toBe(400);
    expect(chat.body.error).toMatchObject({ code: 'wrong_endpoint', param: 'model' });
  });

  it('answers /images/generations too, and books a failed request', async () => {
    const response = await fixture.gateway.request('/images/generations', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'img-canvas', prompt: 'x', size: '333x333' },
    });
    expect(response.status).toBe(400);
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ callType: 'image_generation', status: 'error', httpStatus: 400 });
  });
});
