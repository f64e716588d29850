import { translateForTest } from './__fixtures__/fixture-support';
import { UNANSWERED_TOOL_CALL_RESULT } from './tool-result-matching';

const tools = [{ type: 'function', function: { name: 'f' } }];
const call = (id: string) => ({ id, type: 'function', function: { name: 'f', arguments: '{}' } });

describe('tool result matching', () => {
  it('answers tool calls at the end of the conversation with a new user turn under modify_params', async () => {
    const { input } = await translateForTest(
      {
        tools,
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: null, tool_calls: [call('a'), call('b')] },
          { role: 'tool', tool_call_id: 'a', content: 'done' },
        ],
      },
      'anthropic',
      {},
      { modifyParams: true },
    );
    expect(input.messages[2]).toEqual({
      role: 'user',
      content: [
        { toolResult: { toolUseId: 'a', content: [{ text: 'done' }] } },
        { toolResult: { toolUseId: 'b', content: [{ text: UNANSWERED_TOOL_CALL_RESULT }] } },
      ],
    });
  });

  it('puts tool results before user text even when the user spoke first', async () => {
    const { input } = await translateForTest(
      {
        tools,
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: null, tool_calls: [call('a')] },
          { role: 'user', content: 'hurry' },
          { role: 'tool', tool_call_id: 'a', content: 'done' },
        ],
      },
      'anthropic',
    );
    expect(input.messages[2].content).toEqual([
      { toolResult: { toolUseId: 'a', content: [{ text: 'done' }] } },
      { text: 'hurry' },
    ]);
  });

  it('keeps matching a sanitised call id with its result', async () => {
    const { input } = await translateForTest(
      {
        tools,
        messages: [
          { role: 'user', content: 'go' },
          { role: 'assistant', content: null, tool_calls: [call('functions.f:0')] },
          { role: 'tool', tool_call_id: 'functions.f:0', content: 'done' },
        ],
      },
      'anthropic',
    );
    expect(input.messages[1].content[0].toolUse.toolUseId).toBe('functions_f_0');
    expect(input.messages[2].content[0].toolResult.toolUseId).toBe('functions_f_0');
  });
});
