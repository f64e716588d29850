import { decideAgentTurn } from './agent-turn';

describe('decideAgentTurn', () => {
  it('answers with text derived from the input', () => {
    const turn = decideAgentTurn({ agentId: 'AGENT12345', body: { inputText: 'What is Quarry?' } });
    expect(turn).toMatchObject({ kind: 'answer', text: expect.stringContaining('What is Quarry?') });
  });

  it('recalls what the caller said earlier in the session', () => {
    const turn = decideAgentTurn({
      agentId: 'AGENT12345',
      body: { inputText: 'What is my name?' },
      earlierInputs: ['My name is Ada.'],
    });
    expect(turn).toMatchObject({
      kind: 'answer',
      text: expect.stringContaining('Earlier in this session you said: "My name is Ada."'),
    });
  });

  it('returns control when the text asks to call a function or the agent id starts with RC', () => {
    expect(
      decideAgentTurn({ agentId: 'AGENT12345', body: { inputText: 'Please CALL FUNCTION now' } }).kind,
    ).toBe('returnControl');
    expect(decideAgentTurn({ agentId: 'RCAGENT123', body: { inputText: 'hi' } }).kind).toBe('returnControl');
  });

  it('answers from returned results, mentioning their bodies', () => {
    const turn = decideAgentTurn({
      agentId: 'RCAGENT123',
      pendingInvocationId: 'inv-1',
      body: {
        sessionState: {
          invocationId: 'inv-1',
          returnControlInvocationResults: [
            {
              functionResult: {
                actionGroup: 'g',
                function: 'f',
                responseBody: { TEXT: { body: 'sunny, 21C' } },
              },
            },
          ],
        },
      },
    });
    expect(turn).toMatchObject({ kind: 'answer', text: expect.stringContaining('sunny, 21C') });
  });

  it('rejects results for another invocation and a blank input', () => {
    const results = [{ functionResult: { responseBody: { TEXT: { body: 'x' } } } }];
    expect(() =>
      decideAgentTurn({
        agentId: 'RCAGENT123',
        pendingInvocationId: 'inv-1',
        body: { sessionState: { invocationId: 'inv-2', returnControlInvocationResults: results } },
      }),
    ).toThrow(/does not match/);
    expect(() => decideAgentTurn({ agentId: 'AGENT12345', body: {} })).toThrow(/'inputText'/);
  });

  it('attributes the answer to the session knowledge base', () => {
    const turn = decideAgentTurn({
      agentId: 'AGENT12345',
      body: {
        inputText: 'how do rerank models work',
        sessionState: { knowledgeBaseConfigurations: [{ knowledgeBaseId: 'KB12345678' }] },
      },
    });
    expect(turn.kind === 'answer' && turn.attribution?.citations).toHaveLength(1);
  });
});
