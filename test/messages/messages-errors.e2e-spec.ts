// Errors on /v1/messages in Anthropic's shape and statuses, as the @anthropic-ai/sdk raises them: a bad
// body, a bad or missing key, a model the key may not use, an unknown model, Bedrock's own 400, throttling
// (429 with retry-after) and an unavailable model (529 overloaded), each booked as a failed spend row.
import Anthropic from '@anthropic-ai/sdk';
import { startMessagesFixture, type MessagesFixture } from './messages-fixture';

let fixture: MessagesFixture;

beforeAll(async () => {
  fixture = await startMessagesFixture();
});

afterAll(async () => {
  await fixture?.close();
});

const hello: Anthropic.MessageParam[] = [{ role: 'user', content: 'Hello' }];

/** The SDK's error for a call, with the raw body it read. */
async function failure(call: Promise<unknown>): Promise<InstanceType<typeof Anthropic.APIError>> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(Anthropic.APIError);
  return error as InstanceType<typeof Anthropic.APIError>;
}

async function post(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${fixture.gateway.baseUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': fixture.tenant.key, ...headers },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, any>,
    headers: response.headers,
  };
}

describe('/v1/messages errors', () => {
  it('refuses a body without max_tokens with an invalid_request_error naming the field', async () => {
    const error = await failure(
      fixture.anthropic.messages.create({ model: 'claude-sonnet-4-5', messages: hello } as never),
    );
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error.error).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') },
    });
    const row = await fixture.spendRow(error.headers!.get('x-request-id')!);
    expect(row).toMatchObject({ callType: 'anthropic_messages', status: 'error', httpStatus: 400 });
  });

  it.each([
    ['model', { messages: hello, max_tokens: 5 }],
    ['messages', { model: 'claude-sonnet-4-5', max_tokens: 5 }],
    ['max_tokens', { model: 'claude-sonnet-4-5', messages: hello, max_tokens: 0 }],
    [
      'messages.0.role',
      { model: 'claude-sonnet-4-5', messages: [{ role: 'system', content: 'x' }], max_tokens: 5 },
    ],
    [
      'metadata.user_id',
      { model: 'claude-sonnet-4-5', messages: hello, max_tokens: 5, metadata: { user_id: 7 } },
    ],
  ])('names %s when it is missing or wrong', async (field, body) => {
    const answer = await post(JSON.stringify(body));
    expect(answer.status).toBe(400);
    expect(answer.body.type).toBe('error');
    expect(answer.body.error.type).toBe('invalid_request_error');
    expect(answer.body.error.message).toContain(field);
  });

  it('answers a body that is not JSON in Anthropic’s shape', async () => {
    const answer = await post('{"model": ');
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringContaining('JSON') },
    });
  });

  it('passes Bedrock’s own 400 on as an invalid_request_error', async () => {
    const error = await failure(
      fixture.anthropic.messages.create({
        model: 'claude-sonnet-4-5',
        max_tokens: 5,
        messages: [{ role: 'assistant', content: 'I speak first' }],
      }),
    );
    expect(error.status).toBe(400);
    expect((error.error as any).error.type).toBe('invalid_request_error');
    expect((error.error as any).error.message).toMatch(/first message/);
  });

  it('refuses a wrong key and a missing key with authentication_error 401', async () => {
    const wrong = new Anthropic({
      apiKey: 'sk-not-a-real-key',
      baseURL: fixture.gateway.baseUrl,
      maxRetries: 0,
    });
    const error = await failure(
      wrong.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: hello }),
    );
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error.error as any).error.type).toBe('authentication_error');
    const missing = await post(
      JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 5, messages: hello }),
      {
        'x-api-key': '',
      },
    );
    expect(missing.status).toBe(401);
    expect(missing.body.error.type).toBe('authentication_error');
  });

  it('refuses a model the key may not use with permission_error 403', async () => {
    const error = await failure(
      fixture.anthropic.messages.create({ model: 'secret-model', max_tokens: 5, messages: hello }),
    );
    expect(error).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect((error.error as any).error).toEqual({
      type: 'permission_error',
      message: "This API key is not allowed to use the model 'secret-model'.",
    });
  });

  it('answers an unknown model with not_found_error 404', async () => {
    const error = await failure(
      fixture.anthropic.messages.create({ model: 'claude-nonexistent', max_tokens: 5, messages: hello }),
    );
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect((error.error as any).error.type).toBe('not_found_error');
  });

  it('answers Bedrock throttling with rate_limit_error 429 and retry-after', async () => {
    const error = await failure(
      fixture.anthropic.messages.create({ model: 'claude-throttled', max_tokens: 5, messages: hello }),
    );
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect((error.error as any).error.type).toBe('rate_limit_error');
    expect(Number(error.headers!.get('retry-after'))).toBeGreaterThan(0);
    const row = await fixture.spendRow(error.headers!.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'error', httpStatus: 429, modelName: 'claude-throttled' });
  });

  it('answers an unavailable model with overloaded_error 529', async () => {
    const error = await failure(
      fixture.anthropic.messages.create({ model: 'claude-unavailable', max_tokens: 5, messages: hello }),
    );
    expect(error.status).toBe(529);
    expect((error.error as any).error.type).toBe('overloaded_error');
  });
});
