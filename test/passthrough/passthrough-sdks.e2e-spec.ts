// The /bedrock passthrough under the SDKs that speak Bedrock natively, pointed at http://<gateway>/bedrock:
// Anthropic's Bedrock SDK (InvokeModel and InvokeModelWithResponseStream with Anthropic Messages bodies)
// and Vercel's AI SDK Bedrock provider (Converse and ConverseStream), each with the virtual key as its
// Bedrock API key, and Anthropic's with the key in LiteLLM's header beside its own SigV4 signature.
import { randomUUID } from 'node:crypto';
import AnthropicBedrock from '@anthropic-ai/bedrock-sdk';
import { createAmazonBedrock } from '@ai-sdk/amazon-bedrock';
import { generateText, streamText } from 'ai';
import { EMULATOR_REGION } from '../support/emulator-credentials';
import { createKey } from '../support/tenants';
import { startPassthroughFixture, type PassthroughFixture } from './passthrough-fixture';

let fixture: PassthroughFixture;
let key: string;

beforeAll(async () => {
  fixture = await startPassthroughFixture();
  key = (await createKey(fixture.gateway, { models: ['claude-haiku', 'nova-lite'] })).key;
});

afterAll(async () => {
  await fixture?.close();
});

/** A request id the gateway takes from x-request-id, to find the call's spend row. */
function tag(): { id: string; headers: Record<string, string> } {
  const id = randomUUID();
  return { id, headers: { 'x-request-id': id } };
}

describe('@anthropic-ai/bedrock-sdk', () => {
  it('creates a message on a public model name, with the virtual key as its Bedrock API key', async () => {
    const client = new AnthropicBedrock({
      baseURL: fixture.endpoint,
      apiKey: key,
      awsRegion: EMULATOR_REGION,
    });
    const call = tag();
    const message = await client.messages.create(
      { model: 'claude-haiku', max_tokens: 50, messages: [{ role: 'user', content: 'Hello' }] },
      { headers: call.headers },
    );
    expect(message.content[0].type).toBe('text');
    const row = await fixture.spendRow(call.id);
    expect(row).toMatchObject({
      modelName: 'claude-haiku',
      promptTokens: message.usage.input_tokens,
      completionTokens: message.usage.output_tokens,
    });
    expect(row!.cost).toBeGreaterThan(0);
  });

  it('streams a message (InvokeModelWithResponseStream) with the key in x-litellm-api-key', async () => {
    const client = new AnthropicBedrock({
      baseURL: fixture.endpoint,
      apiKey: null,
      awsAccessKey: 'AKIDCLIENTDUMMY',
      awsSecretKey: 'client-side-dummy-secret',
      awsRegion: EMULATOR_REGION,
      defaultHeaders: { 'x-litellm-api-key': key },
    });
    const call = tag();
    const stream = client.messages.stream(
      {
        model: 'anthropic.claude-3-haiku-20240307-v1:0',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'Hello' }],
      },
      { headers: call.headers },
    );
    let text = '';
    stream.on('text', (delta) => (text += delta));
    const final = await stream.finalMessage();
    expect(text.length).toBeGreaterThan(0);
    const row = await fixture.spendRow(call.id);
    expect(row).toMatchObject({ modelName: 'claude-haiku', completionTokens: final.usage.output_tokens });
  });
});

describe('@ai-sdk/amazon-bedrock', () => {
  const bedrock = () =>
    createAmazonBedrock({ baseURL: fixture.endpoint, apiKey: key, region: EMULATOR_REGION });

  it('generates text (Converse) with baseURL and the virtual key as apiKey', async () => {
    const call = tag();
    const result = await generateText({
      model: bedrock()('nova-lite'),
      prompt: 'Hello',
      headers: call.headers,
    });
    expect(result.text.length).toBeGreaterThan(0);
    const row = await fixture.spendRow(call.id);
    expect(row).toMatchObject({
      modelName: 'nova-lite',
      promptTokens: result.usage.inputTokens,
      completionTokens: result.usage.outputTokens,
    });
  });

  it('streams text (ConverseStream)', async () => {
    const call = tag();
    const result = streamText({
      model: bedrock()('claude-haiku'),
      prompt: 'Hello there',
      headers: call.headers,
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text.length).toBeGreaterThan(0);
    const usage = await result.usage;
    const row = await fixture.spendRow(call.id);
    expect(row).toMatchObject({ modelName: 'claude-haiku', completionTokens: usage.outputTokens });
  });

  it('is refused a model the key may not use, as the AI SDK reports API errors', async () => {
    await expect(
      generateText({ model: bedrock()('cohere.command-r-v1:0'), prompt: 'Hello', maxRetries: 0 }),
    ).rejects.toMatchObject({ statusCode: 403 });
  });
});
