// POST /v1/messages on Claude with the @anthropic-ai/sdk client: Anthropic's answer as Bedrock sent it
// (the public model name in `model`), usage priced and booked as anthropic_messages spend rows with the
// end user from metadata.user_id, tools and thinking round trips, prompt caching, and both key headers.
import Anthropic from '@anthropic-ai/sdk';
import { createKey } from '../support/tenants';
import { startMessagesFixture, type MessagesFixture } from './messages-fixture';

let fixture: MessagesFixture;

beforeAll(async () => {
  fixture = await startMessagesFixture();
});

afterAll(async () => {
  await fixture?.close();
});

const weatherTool: Anthropic.Tool = {
  name: 'get_weather',
  description: 'The weather in a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('POST /v1/messages on Claude', () => {
  it('answers a plain message as Anthropic does, with cost, and books a spend row', async () => {
    const { data, response } = await fixture.anthropic.messages
      .create({
        model: 'claude-sonnet-4-5',
        max_tokens: 200,
        system: 'You are terse.',
        messages: [{ role: 'user', content: 'Name a colour.' }],
        metadata: { user_id: 'end-user-42' },
      })
      .withResponse();
    expect(data).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-sonnet-4-5' });
    expect(data.id).toMatch(/^msg_/);
    expect(data.content[0].type).toBe('text');
    expect((data.content[0] as Anthropic.TextBlock).text.length).toBeGreaterThan(0);
    expect(data.stop_reason).toBe('end_turn');
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    expect(data.usage.output_tokens).toBeGreaterThan(0);
    const cost = Number(response.headers.get('x-quarry-response-cost'));
    expect(cost).toBeGreaterThan(0);
    const row = await fixture.spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({
      callType: 'anthropic_messages',
      modelName: 'claude-sonnet-4-5',
      bedrockModel: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      endUser: 'end-user-42',
      status: 'success',
      httpStatus: 200,
      promptTokens: data.usage.input_tokens,
      completionTokens: data.usage.output_tokens,
      teamId: fixture.tenant.teamId,
    });
    expect(Number(row!.cost)).toBeCloseTo(cost, 8);
  });

  it('accepts the key as Authorization: Bearer (Claude Code) as well as x-api-key (the SDK)', async () => {
    const bearer = new Anthropic({
      authToken: fixture.tenant.key,
      apiKey: null,
      baseURL: fixture.gateway.baseUrl,
      maxRetries: 0,
    });
    const message = await bearer.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(message.model).toBe('claude-haiku-4-5');
    expect(message.content.length).toBeGreaterThan(0);
  });

  it('serves a dated Claude Code model name configured as an ordinary model name', async () => {
    const message = await fixture.anthropic.messages.create({
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(message.model).toBe('claude-sonnet-4-5-20250929');
  });

  it('serves Claude Code names through a key’s aliases, answering with the name asked for', async () => {
    const { key } = await createKey(fixture.gateway, {
      team_id: fixture.tenant.teamId,
      models: ['claude-haiku-4-5'],
      aliases: { 'claude-3-5-haiku-20241022': 'claude-haiku-4-5' },
    });
    const claudeCode = new Anthropic({
      authToken: key,
      apiKey: null,
      baseURL: fixture.gateway.baseUrl,
      maxRetries: 0,
    });
    const { data, response } = await claudeCode.messages
      .create({
        model: 'claude-3-5-haiku-20241022',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .withResponse();
    expect(data.model).toBe('claude-3-5-haiku-20241022');
    const row = await fixture.spendRow(response.headers.get('x-request-id')!);
    expect(row!.bedrockModel).toBe('us.anthropic.claude-haiku-4-5-20251001-v1:0');
  });

  it('round-trips a tool call: tool_use, then tool_result, then the answer', async () => {
    const ask: Anthropic.MessageParam = {
      role: 'user',
      content: 'Use get_weather to tell me the weather in Paris',
    };
    const first = await fixture.anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      tools: [weatherTool],
      tool_choice: { type: 'any' },
      messages: [ask],
    });
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content.find(
      (block): block is Anthropic.ToolUseBlock => block.type === 'tool_use',
    )!;
    expect(toolUse).toMatchObject({ name: 'get_weather' });
    expect(toolUse.id).toMatch(/^toolu_/);
    const second = await fixture.anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 300,
      tools: [weatherTool],
      messages: [
        ask,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: toolUse.id, content: '{"tempC": 21, "sky": "clear"}' },
          ],
        },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect((second.content[0] as Anthropic.TextBlock).text).toContain('get_weather returned');
  });

  it('returns thinking with its signature, and takes it back in the next turn', async () => {
    const ask: Anthropic.MessageParam = { role: 'user', content: 'What is 17 times 23?' };
    const first = await fixture.anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 2000,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [ask],
    });
    const thinking = first.content.find(
      (block): block is Anthropic.ThinkingBlock => block.type === 'thinking',
    )!;
    expect(thinking.thinking.length).toBeGreaterThan(0);
    expect(thinking.signature.length).toBeGreaterThan(0);
    const second = await fixture.anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 2000,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      messages: [
        ask,
        { role: 'assistant', content: first.content },
        { role: 'user', content: 'And plus 1?' },
      ],
    });
    expect(second.content.some((block) => block.type === 'text')).toBe(true);
  });

  it('writes the prompt cache on the first call and reads it on the second, booked and priced', async () => {
    const longSystem = `You are a careful assistant. ${'Keep answers short and precise. '.repeat(200)}`;
    const ask = () =>
      fixture.anthropic.messages
        .create({
          model: 'claude-sonnet-4-5',
          max_tokens: 100,
          system: [{ type: 'text', text: longSystem, cache_control: { type: 'ephemeral' } }],
          messages: [{ role: 'user', content: `Cache test ${Date.now()}` }],
        })
        .withResponse();
    const first = await ask();
    expect(first.data.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(first.data.usage.cache_read_input_tokens ?? 0).toBe(0);
    const second = await ask();
    expect(second.data.usage.cache_read_input_tokens).toBeGreaterThan(0);
    const row = await fixture.spendRow(second.response.headers.get('x-request-id')!);
    expect(row!.cacheReadTokens).toBe(second.data.usage.cache_read_input_tokens);
    // Cache reads cost less than fresh input.
    expect(Number(second.response.headers.get('x-quarry-response-cost'))).toBeLessThan(
      Number(first.response.headers.get('x-quarry-response-cost')),
    );
  });

  it('serves the SDK’s beta path (/v1/messages?beta=true) with Claude Code’s beta flags', async () => {
    const message = await fixture.anthropic.beta.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 50,
      betas: ['claude-code-20250219', 'oauth-2025-04-20', 'interleaved-thinking-2025-05-14'],
      messages: [{ role: 'user', content: 'Hello' }],
      metadata: { user_id: '{"device_id":"abc","session_id":"s-1"}' },
    });
    expect(message.model).toBe('claude-sonnet-4-5');
  });

  it('leaves out Claude Code’s attribution block, which Bedrock refuses in a system prompt', async () => {
    const message = await fixture.anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 50,
      system: [
        {
          type: 'text',
          text: 'x-anthropic-billing-header: cc_version=2.1.38.a1b; cc_entrypoint=cli; cch=00000;',
        },
        { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
      ],
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(message.content.length).toBeGreaterThan(0);
  });

  it('passes the anthropic-beta header to Bedrock as anthropic_beta', async () => {
    const message = await fixture.anthropic.messages.create(
      { model: 'claude-sonnet-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'Hello' }] },
      { headers: { 'anthropic-beta': 'context-1m-2025-08-07' } },
    );
    expect(message.type).toBe('message');
  });
});
