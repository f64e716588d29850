import type { ChatCompletionRequest } from '@quarry/openai';
import { toInvokeAgentInput, type AgentTarget } from './agent-request';
import { toolCallsFromReturnControl } from './agent-return-control';
import { agentSessionScope } from './agent-session-scope';

const target: AgentTarget = {
  agentId: 'AGENT12345',
  agentAliasId: 'ALIAS12345',
  deploymentParams: {},
  dropParams: false,
  sessionScope: '',
};
const request = (extra: Record<string, unknown>) =>
  ({ model: 'agent', messages: [{ role: 'user', content: 'Hi' }], ...extra }) as ChatCompletionRequest;

describe('toInvokeAgentInput', () => {
  it('sends the last user message only, always traces upstream, and makes a session when none is named', () => {
    const translated = toInvokeAgentInput(
      request({
        messages: [
          { role: 'system', content: 'ignored: the agent has its instructions' },
          { role: 'user', content: 'first' },
          { role: 'assistant', content: 'answer' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'second' },
              { type: 'text', text: 'part' },
            ],
          },
        ],
      }),
      target,
    );
    expect(translated.input).toEqual({
      agentId: 'AGENT12345',
      agentAliasId: 'ALIAS12345',
      sessionId: translated.sessionId,
      enableTrace: true,
      inputText: 'second\npart',
    });
    expect(translated.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(translated.clientTrace).toBe(false);
  });

  it('streams the final response when streaming, and forwards InvokeAgent fields over deployment defaults', () => {
    const translated = toInvokeAgentInput(
      request({
        stream: true,
        session_id: 'session-1',
        enableTrace: true,
        memoryId: 'memory-1',
        sessionState: { sessionAttributes: { a: 'b' } },
      }),
      { ...target, deploymentParams: { memoryId: 'default-memory', endSession: false, top_k: 5 } },
    );
    expect(translated.input).toMatchObject({
      sessionId: 'session-1',
      memoryId: 'memory-1',
      endSession: false,
      sessionState: { sessionAttributes: { a: 'b' } },
      streamingConfigurations: { streamFinalResponse: true },
    });
    expect(translated.input).not.toHaveProperty('top_k');
    expect(translated.clientTrace).toBe(true);
  });

  it('turns trailing tool messages into returnControl results of the session their calls name', () => {
    const toolCalls = toolCallsFromReturnControl(
      {
        invocationId: 'inv-1',
        invocationInputs: [
          { functionInvocationInput: { actionGroup: 'weather', function: 'forecast', parameters: [] } },
          {
            apiInvocationInput: {
              actionGroup: 'pets',
              httpMethod: 'get',
              apiPath: '/pets/{id}',
              parameters: [{ name: 'id', type: 'integer', value: '7' }],
              requestBody: {
                content: {
                  'application/json': { properties: [{ name: 'full', type: 'boolean', value: 'true' }] },
                },
              },
            },
          },
        ],
      },
      'session-9',
    );
    expect(toolCalls.map((call) => call.function)).toEqual([
      { name: 'forecast', arguments: '{}' },
      { name: 'GET /pets/{id}', arguments: '{"id":7,"full":true}' },
    ]);
    const translated = toInvokeAgentInput(
      request({
        messages: [
          { role: 'user', content: 'q' },
          { role: 'assistant', content: null, tool_calls: toolCalls },
          { role: 'tool', tool_call_id: toolCalls[0].id, content: 'rain' },
          { role: 'tool', tool_call_id: toolCalls[1].id, content: '{"name":"Rex"}' },
        ],
      }),
      target,
    );
    expect(translated.sessionId).toBe('session-9');
    expect(translated.input.inputText).toBeUndefined();
    expect(translated.input.sessionState).toEqual({
      invocationId: 'inv-1',
      returnControlInvocationResults: [
        {
          functionResult: {
            actionGroup: 'weather',
            function: 'forecast',
            responseBody: { TEXT: { body: 'rain' } },
          },
        },
        {
          apiResult: {
            actionGroup: 'pets',
            httpMethod: 'GET',
            apiPath: '/pets/{id}',
            responseBody: { 'application/json': { body: '{"name":"Rex"}' } },
          },
        },
      ],
    });
  });

  it('sends session and memory ids with the tenant prefix, and hands the client its own', () => {
    const scope = agentSessionScope('team:t-1');
    expect(scope).toMatch(/^q[0-9a-f]{10}-$/);
    expect(agentSessionScope('team:t-2')).not.toBe(scope);
    const translated = toInvokeAgentInput(request({ session_id: 'session-1', memoryId: 'memory-1' }), {
      ...target,
      sessionScope: scope,
    });
    expect(translated.sessionId).toBe('session-1');
    expect(translated.input).toMatchObject({ sessionId: `${scope}session-1`, memoryId: `${scope}memory-1` });
    // Room for the prefix within Bedrock's 100 characters.
    expect(() => toInvokeAgentInput(request({ session_id: 'x'.repeat(89) }), target)).toThrow(
      expect.objectContaining({ param: 'session_id' }),
    );
  });

  it('refuses tool results for another session than the one named, and results sent both ways', () => {
    const [call] = toolCallsFromReturnControl(
      {
        invocationId: 'inv-1',
        invocationInputs: [{ functionInvocationInput: { actionGroup: 'g', function: 'f' } }],
      },
      'session-1',
    );
    const messages = [
      { role: 'user', content: 'q' },
      { role: 'tool', tool_call_id: call.id, content: 'r' },
    ];
    expect(() => toInvokeAgentInput(request({ messages, session_id: 'session-2' }), target)).toThrow(
      expect.objectContaining({ param: 'messages[1].tool_call_id' }),
    );
    expect(() =>
      toInvokeAgentInput(request({ messages, sessionState: { returnControlInvocationResults: [] } }), target),
    ).toThrow(expect.objectContaining({ param: 'sessionState.returnControlInvocationResults' }));
  });

  it('reports a bad InvokeAgent default on the deployment as a configuration error, not the client’s', () => {
    expect(() =>
      toInvokeAgentInput(request({}), { ...target, deploymentParams: { enableTrace: 'on' } }),
    ).toThrow(expect.objectContaining({ status: 500, code: 'deployment_config' }));
  });
});
