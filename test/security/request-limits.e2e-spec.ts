// Request bodies have documented caps (JSON depth 64, size 32 MiB) answered with a 400/413 that names
// them, and chat settings are checked against the model's limits before anything goes upstream.
import { startChatFixture, type ChatFixture } from '../chat/chat-fixture';

describe('request limits (issue 12 #5, #10)', () => {
  let fixture: ChatFixture;
  beforeAll(async () => {
    fixture = await startChatFixture();
  }, 30_000);
  afterAll(() => fixture?.close());

  const post = (body: string | object) =>
    fetch(`${fixture.gateway.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fixture.tenant.key}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  const chat = (fields: Record<string, unknown>) =>
    post({ model: 'claude-haiku', messages: [{ role: 'user', content: 'hi' }], ...fields });

  it('answers tool parameters nested 5,000 levels deep with a 400 json_too_deep naming the cap', async () => {
    const deep = '{"type":"object","properties":{"a":'.repeat(5000) + '{}' + '}}'.repeat(5000);
    const body = `{"model":"claude-haiku","messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f","parameters":${deep}}}]}`;
    const response = await post(body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as any;
    expect(error).toMatchObject({ type: 'invalid_request_error', code: 'json_too_deep', param: 'body' });
    expect(error.message).toContain('64 levels');
  });

  it('refuses any body over the depth cap, even an unauthenticated one, before parsing it', async () => {
    const response = await fetch(`${fixture.gateway.baseUrl}/key/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '['.repeat(65) + ']'.repeat(65),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.code).toBe('json_too_deep');
  });

  it('still serves a tool schema nested well within the cap', async () => {
    let schema: Record<string, unknown> = { type: 'string' };
    for (let level = 0; level < 20; level++) schema = { type: 'object', properties: { a: schema } };
    const response = await chat({
      tools: [{ type: 'function', function: { name: 'f', parameters: schema } }],
    });
    expect(response.status).toBe(200);
  });

  it('answers a body over 32 MiB with a 413 body_too_large naming the cap', async () => {
    const response = await chat({ user: 'x'.repeat(33 * 1024 * 1024) });
    expect(response.status).toBe(413);
    const { error } = (await response.json()) as any;
    expect(error).toMatchObject({ type: 'invalid_request_error', code: 'body_too_large', param: 'body' });
    expect(error.message).toContain('32 MiB');
  });

  it.each([
    [{ max_tokens: 1e12 }, 'max_tokens'],
    [{ max_tokens: 4097 }, 'max_tokens'],
    [{ max_completion_tokens: 10_000 }, 'max_completion_tokens'],
  ])("refuses %j above the model's output limit with a 400 naming %s", async (fields, param) => {
    const response = await chat(fields);
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error).toMatchObject({ type: 'invalid_request_error', param });
  });

  it("accepts max_tokens at the model's limit", async () => {
    expect((await chat({ max_tokens: 4096 })).status).toBe(200);
  });

  it("refuses more stop sequences than Bedrock's documented 2,500 with a 400 naming stop", async () => {
    const response = await chat({ stop: Array.from({ length: 2501 }, (_, index) => `stop-${index}`) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.param).toBe('stop');
  });
});
