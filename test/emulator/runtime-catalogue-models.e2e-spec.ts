// The models the catalogue gained to cover the price table, through the real SDK: open-weight chat
// models on Converse, TwelveLabs Pegasus (video questions, its own InvokeModel body, streamed) and
// Marengo (InvokeModel refused: async only), Stability's edit/control/upscale services (each one's
// required fields), and ListFoundationModels reporting them.
import { GetFoundationModelCommand, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import {
  ConverseCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  type BedrockRuntimeClient,
} from '@aws-sdk/client-bedrock-runtime';

import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { runtimeClient } from './runtime-clients';
import { controlPlaneClient } from './service-clients';

const PEGASUS = 'twelvelabs.pegasus-1-2-v1:0';
const MARENGO = 'twelvelabs.marengo-embed-2-7-v1:0';
const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';

let emulator: RunningEmulator;
let client: BedrockRuntimeClient;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  client = runtimeClient(emulator.endpoint, 'http2', { maxAttempts: 1 });
});

afterAll(async () => {
  client?.destroy();
  await emulator?.close();
});

async function invoke(modelId: string, body: unknown): Promise<any> {
  const response = await client.send(
    new InvokeModelCommand({ modelId, contentType: 'application/json', body: JSON.stringify(body) }),
  );
  return JSON.parse(response.body.transformToString());
}

async function invokeError(modelId: string, body: unknown): Promise<{ name: string; message: string }> {
  const error = await invoke(modelId, body).then(
    () => undefined,
    (caught: Error) => caught,
  );
  expect(error).toBeDefined();
  return { name: error!.name, message: error!.message };
}

describe('open-weight chat models the price table lists', () => {
  it.each([
    'google.gemma-3-27b-it',
    'nvidia.nemotron-nano-9b-v2',
    'mistral.magistral-small-2509',
    'mistral.devstral-2-123b',
    'qwen.qwen3-vl-235b-a22b',
    'zai.glm-4.7',
    'us.mistral.pixtral-large-2502-v1:0',
  ])('%s answers on Converse', async (modelId) => {
    const response = await client.send(
      new ConverseCommand({ modelId, messages: [{ role: 'user', content: [{ text: 'hello there' }] }] }),
    );
    expect(response.output?.message?.content?.[0].text).toContain('hello there');
    expect(response.usage?.outputTokens).toBeGreaterThan(0);
  });

  it('is Converse-only: InvokeModel names the operation it does not support', async () => {
    const error = await invokeError('google.gemma-3-4b-it', { messages: [{ role: 'user', content: 'hi' }] });
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain("doesn't support the InvokeModel operation");
  });

  it('Claude v1 answers its text-completion body like Claude 2', async () => {
    const body = await invoke('anthropic.claude-v1', {
      prompt: '\n\nHuman: hello v1\n\nAssistant:',
      max_tokens_to_sample: 50,
    });
    expect(body.completion).toContain('hello v1');
    expect(body.stop_reason).toBe('stop_sequence');
  });
});

describe('TwelveLabs Pegasus 1.2', () => {
  const video = { base64String: Buffer.from('not really a video').toString('base64') };

  it('answers a question about a video as {message, finishReason}', async () => {
    const body = await invoke(PEGASUS, { inputPrompt: 'what happens here?', mediaSource: video });
    expect(body.message).toContain('what happens here?');
    expect(body.finishReason).toBe('stop');
  });

  it('reports length when maxOutputTokens cuts the answer', async () => {
    const body = await invoke(PEGASUS, {
      inputPrompt: 'describe it',
      mediaSource: video,
      maxOutputTokens: 2,
    });
    expect(body.finishReason).toBe('length');
  });

  it('streams message pieces that add up to the answer, the finish reason on the last', async () => {
    const whole = await invoke(PEGASUS, { inputPrompt: 'stream it', mediaSource: video });
    const response = await client.send(
      new InvokeModelWithResponseStreamCommand({
        modelId: PEGASUS,
        contentType: 'application/json',
        body: JSON.stringify({ inputPrompt: 'stream it', mediaSource: video }),
      }),
    );
    const chunks: any[] = [];
    for await (const event of response.body!) {
      if (event.chunk) chunks.push(JSON.parse(Buffer.from(event.chunk.bytes!).toString('utf8')));
    }
    expect(chunks.map((chunk) => chunk.message).join('')).toBe(whole.message);
    expect(chunks.at(-1).finishReason).toBe('stop');
    expect(chunks.at(-1)['amazon-bedrock-invocationMetrics'].outputTokenCount).toBeGreaterThan(0);
  });

  it('requires a media source and refuses Converse', async () => {
    const missing = await invokeError(PEGASUS, { inputPrompt: 'no video' });
    expect(missing.message).toContain('required key [mediaSource] not found');
    const converse = await client
      .send(new ConverseCommand({ modelId: PEGASUS, messages: [{ role: 'user', content: [{ text: 'x' }] }] }))
      .catch((error: Error) => error);
    expect((converse as Error).message).toContain("doesn't support the Converse operation");
  });
});

describe('TwelveLabs Marengo Embed 2.7', () => {
  it('is known, but InvokeModel says it only supports async invocation', async () => {
    const error = await invokeError(MARENGO, { inputType: 'text', inputText: 'a query' });
    expect(error.name).toBe('ValidationException');
    expect(error.message).toContain('only supports asynchronous invocation');
    expect(error.message).toContain('StartAsyncInvoke');
  });
});

/** A minimal valid body per Stability image service, and the fields it cannot do without. */
const EDITS: Array<[string, Record<string, unknown>, string[]]> = [
  ['stable-image-inpaint-v1:0', { image: PNG_1PX, prompt: 'a cat' }, ['image', 'prompt']],
  ['stable-image-erase-object-v1:0', { image: PNG_1PX }, ['image']],
  ['stable-image-remove-background-v1:0', { image: PNG_1PX }, ['image']],
  [
    'stable-image-search-recolor-v1:0',
    { image: PNG_1PX, prompt: 'red', select_prompt: 'car' },
    ['select_prompt'],
  ],
  [
    'stable-image-search-replace-v1:0',
    { image: PNG_1PX, prompt: 'a dog', search_prompt: 'cat' },
    ['search_prompt'],
  ],
  ['stable-image-style-guide-v1:0', { image: PNG_1PX, prompt: 'a house' }, ['image', 'prompt']],
  [
    'stable-style-transfer-v1:0',
    { init_image: PNG_1PX, style_image: PNG_1PX },
    ['init_image', 'style_image'],
  ],
  ['stable-image-control-sketch-v1:0', { image: PNG_1PX, prompt: 'a castle' }, ['prompt']],
  ['stable-image-control-structure-v1:0', { image: PNG_1PX, prompt: 'a castle' }, ['image']],
  ['stable-outpaint-v1:0', { image: PNG_1PX, left: 64 }, ['image']],
  ['stable-conservative-upscale-v1:0', { image: PNG_1PX, prompt: 'sharper' }, ['prompt']],
  ['stable-creative-upscale-v1:0', { image: PNG_1PX, prompt: 'sharper' }, ['image']],
  ['stable-fast-upscale-v1:0', { image: PNG_1PX }, ['image']],
];

describe.each(EDITS)('Stability %s', (suffix, body, required) => {
  const modelId = `stability.${suffix}`;

  it('answers {seeds, finish_reasons, images} with one PNG', async () => {
    // Background removal and fast upscale take no seed (nothing random in them): their seed is 0.
    const seeded = !/remove-background|fast-upscale/.test(suffix);
    const answer = await invoke(modelId, seeded ? { ...body, seed: 7 } : body);
    expect(answer.seeds).toEqual([seeded ? 7 : 0]);
    expect(answer.finish_reasons).toEqual([null]);
    expect(answer.images).toHaveLength(1);
    expect(Buffer.from(answer.images[0], 'base64').subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it.each(required)('refuses a body without %s, naming it', async (field) => {
    const { [field]: _dropped, ...rest } = body;
    const error = await invokeError(modelId, rest);
    expect(error.message).toContain(`required key [${field}] not found`);
  });
});

describe('Stability image services: bodies Bedrock refuses', () => {
  it('refuses a field the service does not take, and an image that is not base64', async () => {
    const extra = await invokeError('stability.stable-fast-upscale-v1:0', { image: PNG_1PX, prompt: 'x' });
    expect(extra.message).toContain('extraneous key [prompt] is not permitted');
    const notBase64 = await invokeError('stability.stable-image-erase-object-v1:0', {
      image: 'not an image!',
    });
    expect(notBase64.message).toContain('#/image');
  });

  it('filters a prompt with the marker word like the generation models', async () => {
    const answer = await invoke('stability.stable-image-inpaint-v1:0', {
      image: PNG_1PX,
      prompt: 'QUARRY_BLOCK please',
    });
    expect(answer.finish_reasons).toEqual(['Filter reason: prompt']);
    expect(answer.images).toEqual([]);
  });
});

describe('ListFoundationModels and GetFoundationModel', () => {
  it('list the new models with their modalities and inference types', async () => {
    const control = controlPlaneClient(emulator.endpoint);
    try {
      const { modelSummaries } = await control.send(
        new ListFoundationModelsCommand({ byProvider: 'twelvelabs' }),
      );
      expect(modelSummaries?.map((model) => model.modelId).sort()).toEqual([MARENGO, PEGASUS]);
      const premier = await control.send(
        new GetFoundationModelCommand({ modelIdentifier: 'amazon.nova-premier-v1:0' }),
      );
      expect(premier.modelDetails?.inferenceTypesSupported).toEqual(['INFERENCE_PROFILE']);
      const edits = await control.send(new ListFoundationModelsCommand({ byOutputModality: 'IMAGE' }));
      const ids = edits.modelSummaries?.map((model) => model.modelId) ?? [];
      expect(ids).toEqual(expect.arrayContaining(EDITS.map(([suffix]) => `stability.${suffix}`)));
    } finally {
      control.destroy();
    }
  });
});
