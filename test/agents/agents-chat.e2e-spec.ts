// Bedrock Agents as chat models, driven by the `openai` SDK exactly as LiteLLM's Bedrock Agents page
// shows (config, requests, streaming), against the emulator's agent runtime in two regions: answers,
// real streaming, sessions that continue, returnControl as tool calls answered in the next request,
// usage and cost from the agent's trace, and errors mapped to OpenAI's shape.
import OpenAI from 'openai';
import { costOf, priceFor, type ModelPrice } from '../../libs/bedrock/src/index';
import { createTenant } from '../support/tenants';
import { startAgentFixture, type AgentFixture } from './agent-fixture';

let fixture: AgentFixture;

beforeAll(async () => {
  fixture = await startAgentFixture();
});

afterAll(async () => {
  await fixture?.close();
});

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SESSION_HEADER = 'x-quarry-agent-session-id';

/** What the client pays for `usage` at `price`, as the gateway prices it. */
function expectedCost(usage: OpenAI.CompletionUsage, price: ModelPrice | undefined): number {
  expect(price).toBeDefined();
  const tokens = {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
  };
  return costOf(tokens, price!);
}

function ask(model: string, content: string, extra: Record<string, unknown> = {}) {
  return fixture.client.chat.completions
    .create({
      model,
      messages: [{ role: 'user', content }],
      ...extra,
    } as OpenAI.ChatCompletionCreateParamsNonStreaming)
    .withResponse();
}

describe('chat completions on a Bedrock agent', () => {
  it('answers as a chat completion, with the session to continue, usage from the trace and its cost', async () => {
    const { data, response } = await ask(
      'bedrock-agent-1',
      'Hi, I need help with analyzing our Q3 sales data and generating a summary report',
    );
    const answer = data as OpenAI.ChatCompletion & { session_id: string; trace?: unknown };
    expect(answer.object).toBe('chat.completion');
    expect(answer.model).toBe('bedrock-agent-1');
    expect(answer.choices[0].finish_reason).toBe('stop');
    expect(answer.choices[0].message.content).toContain('Hello from emulated agent L1RT58GYRW');
    expect(answer.choices[0].message.content).toContain('analyzing our Q3 sales data');
    // A fresh session, made by the gateway and returned both ways; no trace unless asked.
    expect(answer.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get(SESSION_HEADER)).toBe(answer.session_id);
    expect(answer).not.toHaveProperty('trace');

    const usage = answer.usage!;
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBeGreaterThan(0);
    const cost = expectedCost(usage, priceFor(HAIKU, 'us-west-2'));
    expect(cost).toBeGreaterThan(0);
    expect(Number(response.headers.get('x-quarry-response-cost'))).toBeCloseTo(cost, 12);

    const row = await fixture.spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({
      callType: 'chat',
      modelName: 'bedrock-agent-1',
      bedrockModel: 'L1RT58GYRW/MFPSBCXYTW',
      status: 'success',
      promptTokens: usage.prompt_tokens,
      completionTokens: usage.completion_tokens,
    });
    expect(row!.cost).toBeCloseTo(cost, 12);
  });

  it('prices each agent with the foundation model its trace names', async () => {
    const { data, response } = await ask('nova-agent', 'Which model are you running on today?');
    const cost = expectedCost(data.usage!, priceFor('amazon.nova-lite-v1:0', 'us-east-1'));
    expect(Number(response.headers.get('x-quarry-response-cost'))).toBeCloseTo(cost, 12);
    // Not the Claude price the other agents run at.
    expect(cost).not.toBeCloseTo(expectedCost(data.usage!, priceFor(HAIKU, 'us-east-1')), 12);
  });

  it('calls two agents in two regions, each on its own region’s runtime (shown by the trace when asked)', async () => {
    const regionOf = async (model: string) => {
      const { data } = await ask(model, 'Where are you?', { enableTrace: true });
      const traces = (data as unknown as { trace: { agent: Array<Record<string, any>> } }).trace.agent;
      expect(traces.length).toBeGreaterThan(0);
      const arn: string = traces[0].callerChain[0].agentAliasArn;
      expect(data.choices[0].message.content).toContain('Where are you?');
      return arn.split(':')[3];
    };
    expect(await regionOf('bedrock-agent-1')).toBe('us-west-2');
    expect(await regionOf('bedrock-agent-2')).toBe('us-east-1');
  });

  it('continues a session named by session_id, LiteLLM’s sessionID or metadata.session_id', async () => {
    const first = await ask('bedrock-agent-2', 'My name is Ada.');
    const sessionId = (first.data as unknown as { session_id: string }).session_id;

    const continued = await ask('bedrock-agent-2', 'What is my name?', { session_id: sessionId });
    expect(continued.data.choices[0].message.content).toContain(
      'Earlier in this session you said: "My name is Ada."',
    );
    expect(continued.response.headers.get(SESSION_HEADER)).toBe(sessionId);

    const litellmStyle = await ask('bedrock-agent-2', 'And again?', { sessionID: sessionId });
    expect(litellmStyle.data.choices[0].message.content).toContain('"What is my name?"');

    const viaMetadata = await ask('bedrock-agent-2', 'Once more.', { metadata: { session_id: sessionId } });
    expect(viaMetadata.data.choices[0].message.content).toContain('"And again?"');

    const fresh = await ask('bedrock-agent-2', 'Do you know me?');
    expect(fresh.data.choices[0].message.content).not.toContain('Earlier in this session');
  });

  it('keeps each team’s sessions its own: another team naming the same session id starts afresh', async () => {
    const sessionId = 'shared-name-for-a-session';
    await ask('bedrock-agent-2', 'The secret word is granite.', { session_id: sessionId });
    const own = await ask('bedrock-agent-2', 'What was the word?', { session_id: sessionId });
    expect(own.data.choices[0].message.content).toContain('granite');

    const otherTeam = await createTenant(fixture.gateway, { keyModels: ['bedrock-agent-2'] });
    const otherClient = new OpenAI({
      apiKey: otherTeam.key,
      baseURL: fixture.gateway.baseUrl,
      maxRetries: 0,
    });
    const theirs = await otherClient.chat.completions.create({
      model: 'bedrock-agent-2',
      messages: [{ role: 'user', content: 'What was the word?' }],
      session_id: sessionId,
    } as OpenAI.ChatCompletionCreateParamsNonStreaming);
    expect(theirs.choices[0].message.content).not.toContain('granite');
    expect((theirs as unknown as { session_id: string }).session_id).toBe(sessionId);
  });
});
