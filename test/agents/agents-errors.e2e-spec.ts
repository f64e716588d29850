// What goes wrong with agent requests, answered in OpenAI's error shape: an agent Bedrock does not
// know (its 404, booked as a spend row), request fields an agent cannot take (named, and dropped
// under drop_params), InvokeAgent fields of the wrong shape, and conversations that do not end with
// something for the agent to answer.
import type OpenAI from 'openai';
import { startAgentFixture, type AgentFixture } from './agent-fixture';

let fixture: AgentFixture;

beforeAll(async () => {
  fixture = await startAgentFixture();
});

afterAll(async () => {
  await fixture?.close();
});

async function failureOf(body: Record<string, unknown>): Promise<any> {
  return fixture.client.chat.completions
    .create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming)
    .then(
      () => undefined,
      (error: unknown) => error,
    );
}

const hello = [{ role: 'user', content: 'Hello' }];

describe('agent request errors', () => {
  it('maps an agent Bedrock does not know to 404, streamed or not, and books the failure', async () => {
    const failure = await failureOf({ model: 'missing-agent', messages: hello });
    expect(failure).toMatchObject({ status: 404, type: 'not_found_error' });
    expect(failure.message).toContain('NOTFOUND01');
    const row = await fixture.spendRow(failure.headers.get('x-request-id'));
    expect(row).toMatchObject({ modelName: 'missing-agent', status: 'error', httpStatus: 404, cost: 0 });

    const streamed = await failureOf({ model: 'missing-agent', messages: hello, stream: true });
    expect(streamed).toMatchObject({ status: 404 });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown field', { foo: 1 }, 'foo'],
    ['invocationId at the top level', { invocationId: 'inv-1' }, 'invocationId'],
    ['an OpenAI setting an agent cannot honour', { temperature: 0.2 }, 'temperature'],
    ['a service tier agents cannot choose', { service_tier: 'flex' }, 'service_tier'],
    ['client tools', { tools: [{ type: 'function', function: { name: 'f' } }] }, 'tools'],
    ['a sessionState member InvokeAgent lacks', { sessionState: { bogus: 1 } }, 'sessionState.bogus'],
    [
      'session attributes that are not strings',
      { sessionState: { sessionAttributes: { a: 1 } } },
      'sessionState.sessionAttributes.a',
    ],
    ['a memoryId of the wrong shape', { memoryId: 'has spaces' }, 'memoryId'],
    ['enableTrace that is not a boolean', { enableTrace: 'yes' }, 'enableTrace'],
    [
      'a streamingConfigurations member',
      { streamingConfigurations: { applyGuardrailInterval: 0 } },
      'streamingConfigurations.applyGuardrailInterval',
    ],
    ['a session id Bedrock refuses', { session_id: 'no spaces allowed' }, 'session_id'],
    ['two different session ids', { session_id: 'session-a', sessionID: 'session-b' }, 'sessionID'],
    ['an upstream region', { aws_region_name: 'eu-west-1' }, 'aws_region_name'],
  ])('refuses %s with a 400 naming it', async (_case, extra, param) => {
    const failure = await failureOf({ model: 'bedrock-agent-1', messages: hello, ...extra });
    expect(failure).toMatchObject({ status: 400, param });
  });

  it('drops OpenAI settings under drop_params, and accepts their default values', async () => {
    const answer = await fixture.client.chat.completions.create({
      model: 'bedrock-agent-1',
      messages: [{ role: 'user', content: 'Hello with settings' }],
      temperature: 0.2,
      max_tokens: 50,
      drop_params: true,
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(answer.choices[0].message.content).toContain('Hello with settings');
    const defaults = await fixture.client.chat.completions.create({
      model: 'bedrock-agent-1',
      messages: [{ role: 'user', content: 'Hello with defaults' }],
      n: 1,
    });
    expect(defaults.choices[0].message.content).toContain('Hello with defaults');
  });

  it('passes valid InvokeAgent fields through (sessionState, memoryId, promptCreationConfigurations)', async () => {
    const answer = await fixture.client.chat.completions.create({
      model: 'bedrock-agent-1',
      messages: [{ role: 'user', content: 'Remember this' }],
      memoryId: 'memory-1',
      sessionState: { sessionAttributes: { customer: 'c-1' } },
      promptCreationConfigurations: { previousConversationTurnsToInclude: 2 },
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(answer.choices[0].message.content).toContain('Remember this');
  });

  it.each<[string, unknown[], string]>([
    ['ends with an assistant message', [...hello, { role: 'assistant', content: 'Hi' }], 'messages[1].role'],
    ['ends with an empty user message', [{ role: 'user', content: '  ' }], 'messages[0].content'],
    [
      'sends an image',
      [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }],
      'messages[0].content[0]',
    ],
  ])('refuses a conversation that %s', async (_case, messages, param) => {
    const failure = await failureOf({ model: 'bedrock-agent-1', messages });
    expect(failure).toMatchObject({ status: 400, param });
  });

  it('answers embeddings for an agent with the endpoint that serves it', async () => {
    const failure = await fixture.client.embeddings
      .create({ model: 'bedrock-agent-1', input: 'x' })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 400, code: 'wrong_endpoint' });
  });
});
