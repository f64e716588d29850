// Streaming agents and returnControl round trips through the `openai` SDK: chunks as the agent writes
// them (not one burst at the end), the chat chunk rules (role first, one finish chunk, usage when asked,
// [DONE]), and an agent's returnControl as tool calls answered by the client's next request — in the
// same session, even when the client does not name it.
import type OpenAI from 'openai';
import { startAgentFixture, type AgentFixture } from './agent-fixture';

let fixture: AgentFixture;

beforeAll(async () => {
  fixture = await startAgentFixture();
});

afterAll(async () => {
  await fixture?.close();
});

type Chunk = OpenAI.ChatCompletionChunk & { session_id?: string; trace?: unknown };

interface Received {
  chunks: Chunk[];
  /** ms since the request, per chunk. */
  at: number[];
  headers: Headers;
}

async function stream(body: Record<string, unknown>): Promise<Received> {
  const started = performance.now();
  const { data, response } = await fixture.client.chat.completions
    .create({ ...body, stream: true } as unknown as OpenAI.ChatCompletionCreateParamsStreaming)
    .withResponse();
  const received: Received = { chunks: [], at: [], headers: response.headers };
  for await (const chunk of data) {
    received.chunks.push(chunk as Chunk);
    received.at.push(performance.now() - started);
  }
  return received;
}

const contentOf = (chunks: Chunk[]) => chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');

describe('streamed agent answers', () => {
  it('streams the seed’s request as the agent writes it, with the chat chunk sequence and usage', async () => {
    // The process's first agent stream loads the SDK's event-stream code; on a busy machine that can take
    // longer than the whole paced answer, which would then be read from the socket in one go.
    await stream({ model: 'bedrock-agent-2', messages: [{ role: 'user', content: 'warm up' }] });
    const { chunks, at, headers } = await stream({
      model: 'bedrock-agent-2',
      messages: [
        { role: 'user', content: 'Create a comprehensive social media strategy for our new product' },
      ],
      stream_options: { include_usage: true },
    });
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    const text = contentOf(chunks);
    expect(text).toContain('Hello from emulated agent AGENT45600');
    expect(text).toContain('social media strategy');

    const contentChunks = chunks.filter((chunk) => chunk.choices[0]?.delta?.content);
    expect(contentChunks.length).toBeGreaterThan(2);
    // Paced at 100 tokens/s, the answer takes a few hundred ms: the first words must be out long before the last.
    const contentTimes = chunks.flatMap((chunk, index) =>
      chunk.choices[0]?.delta?.content ? [at[index]] : [],
    );
    expect(contentTimes[contentTimes.length - 1] - contentTimes[0]).toBeGreaterThan(80);

    const finishes = chunks.filter((chunk) => chunk.choices[0]?.finish_reason);
    expect(finishes).toHaveLength(1);
    expect(finishes[0].choices[0].finish_reason).toBe('stop');
    const last = chunks[chunks.length - 1];
    expect(last.choices).toEqual([]);
    expect(last.usage!.prompt_tokens).toBeGreaterThan(0);
    expect((last.usage as { cost?: number }).cost).toBeGreaterThan(0);
    expect(chunks.indexOf(finishes[0])).toBe(chunks.length - 2);

    // The session in the header and on every chunk; traces stay inside the gateway.
    const sessionId = headers.get('x-quarry-agent-session-id');
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(chunks.every((chunk) => chunk.session_id === sessionId)).toBe(true);
    expect(chunks.some((chunk) => 'trace' in chunk)).toBe(false);

    const row = await fixture.spendRow(headers.get('x-request-id')!);
    expect(row).toMatchObject({ status: 'success', promptTokens: last.usage!.prompt_tokens });
    expect(row!.cost).toBeCloseTo((last.usage as unknown as { cost: number }).cost, 9);
    expect(row!.ttftMs).toBeGreaterThan(0);
  });

  it('sends the agent’s trace events as they come when the client sets enableTrace', async () => {
    const { chunks } = await stream({
      model: 'bedrock-agent-1',
      messages: [{ role: 'user', content: 'Trace this please' }],
      enableTrace: true,
    });
    const traced = chunks.filter((chunk) => chunk.trace) as Array<Chunk & { trace: { agent: any[] } }>;
    expect(traced.length).toBeGreaterThan(0);
    expect(traced[0].trace.agent[0].trace.orchestrationTrace).toBeDefined();
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason)).toHaveLength(1);
  });
});

describe('returnControl as tool calls', () => {
  it('returns the agent’s action as a tool call and answers its result in the same session', async () => {
    const question = 'What is the weather in Paris?';
    const { data: first, response } = await fixture.client.chat.completions
      .create({ model: 'returning-agent', messages: [{ role: 'user', content: question }] })
      .withResponse();
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(first.choices[0].message.content).toBeNull();
    const toolCalls = first.choices[0].message.tool_calls! as OpenAI.ChatCompletionMessageFunctionToolCall[];
    expect(toolCalls).toHaveLength(1);
    expect(toolCalls[0].function.name).toBe('lookup');
    expect(JSON.parse(toolCalls[0].function.arguments)).toEqual({ query: question });
    const sessionId = response.headers.get('x-quarry-agent-session-id');

    // The client answers like any OpenAI tool round trip, without naming the session.
    const { data: second, response: secondResponse } = await fixture.client.chat.completions
      .create({
        model: 'returning-agent',
        messages: [
          { role: 'user', content: question },
          { role: 'assistant', content: null, tool_calls: toolCalls },
          { role: 'tool', tool_call_id: toolCalls[0].id, content: 'Sunny and 21 degrees' },
        ],
      })
      .withResponse();
    expect(second.choices[0].finish_reason).toBe('stop');
    expect(second.choices[0].message.content).toContain('Sunny and 21 degrees');
    expect(secondResponse.headers.get('x-quarry-agent-session-id')).toBe(sessionId);
  });

  it('streams tool calls with finish_reason tool_calls, and takes the results streamed too', async () => {
    const question = 'Please call function lookup for Rome';
    const first = await stream({ model: 'bedrock-agent-1', messages: [{ role: 'user', content: question }] });
    const toolDeltas = first.chunks.flatMap((chunk) => chunk.choices[0]?.delta?.tool_calls ?? []);
    expect(toolDeltas).toHaveLength(1);
    expect(toolDeltas[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'lookup' } });
    const finishes = first.chunks.filter((chunk) => chunk.choices[0]?.finish_reason);
    expect(finishes.map((chunk) => chunk.choices[0].finish_reason)).toEqual(['tool_calls']);

    const second = await stream({
      model: 'bedrock-agent-1',
      session_id: first.headers.get('x-quarry-agent-session-id'),
      messages: [
        { role: 'user', content: question },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: toolDeltas[0].id, type: 'function', function: toolDeltas[0].function }],
        },
        { role: 'tool', tool_call_id: toolDeltas[0].id, content: [{ type: 'text', text: 'Rome: cloudy' }] },
      ],
    });
    expect(contentOf(second.chunks)).toContain('Rome: cloudy');
  });

  it('refuses a tool result for a call the agent never made, naming the message', async () => {
    const failure = await fixture.client.chat.completions
      .create({
        model: 'returning-agent',
        messages: [
          { role: 'user', content: 'x' },
          { role: 'tool', tool_call_id: 'call_123', content: 'forged' },
        ],
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 400, param: 'messages[1].tool_call_id' });
  });
});
