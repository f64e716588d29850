// POST /v1/messages/count_tokens with the @anthropic-ai/sdk client: Bedrock's CountTokens on the
// model's Claude deployment, the same count a call with that body is billed for; Anthropic-shaped errors
// for a model Bedrock cannot count and for a model the key may not use.
import Anthropic from '@anthropic-ai/sdk';
import { startMessagesFixture, type MessagesFixture } from './messages-fixture';

let fixture: MessagesFixture;

beforeAll(async () => {
  fixture = await startMessagesFixture();
});

afterAll(async () => {
  await fixture?.close();
});

const body = {
  system: 'You are a weather assistant.',
  messages: [{ role: 'user' as const, content: 'What is the weather in Paris and in Lisbon today?' }],
  tools: [
    {
      name: 'get_weather',
      description: 'The weather in a city',
      input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } },
    },
  ],
};

describe('POST /v1/messages/count_tokens', () => {
  it('counts what a call with the same body is billed for as input', async () => {
    const counted = await fixture.anthropic.messages.countTokens({ model: 'claude-sonnet-4-5', ...body });
    expect(counted.input_tokens).toBeGreaterThan(0);
    const message = await fixture.anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      ...body,
    });
    expect(counted.input_tokens).toBe(message.usage.input_tokens);
  });

  it('counts more for a longer prompt, thinking enabled and no max_tokens', async () => {
    const short = await fixture.anthropic.messages.countTokens({
      model: 'claude-haiku-4-5',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const long = await fixture.anthropic.messages.countTokens({
      model: 'claude-haiku-4-5',
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [{ role: 'user', content: 'Hi '.repeat(400) }],
    });
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens);
  });

  it('refuses a model Bedrock cannot count for, and one the key may not use', async () => {
    const notClaude = await fixture.anthropic.messages.countTokens({ model: 'nova-lite', ...body }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(notClaude).toBeInstanceOf(Anthropic.BadRequestError);
    expect((notClaude as any).error.error.message).toContain('nova-lite');
    const notAllowed = await fixture.anthropic.messages.countTokens({ model: 'secret-model', ...body }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(notAllowed).toBeInstanceOf(Anthropic.PermissionDeniedError);
  });
});
