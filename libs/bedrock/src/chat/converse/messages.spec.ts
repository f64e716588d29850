import { translateForTest } from './__fixtures__/fixture-support';

describe('conversation assembly', () => {
  it('answers an all-system conversation with a continue turn under modify_params', async () => {
    const { input } = await translateForTest(
      { messages: [{ role: 'system', content: 'Rules.' }] },
      'meta',
      {},
      { modifyParams: true },
    );
    expect(input.messages).toEqual([{ role: 'user', content: [{ text: 'Please continue.' }] }]);
    expect(input.system).toEqual([{ text: 'Rules.' }]);
  });

  it('takes user_continue_message from the request body too', async () => {
    const { input } = await translateForTest(
      {
        messages: [{ role: 'assistant', content: 'Hi!' }],
        user_continue_message: { role: 'user', content: 'Resume' },
      },
      'meta',
      {},
      { modifyParams: true },
    );
    expect(input.messages[0]).toEqual({ role: 'user', content: [{ text: 'Resume' }] });
  });

  it('merges consecutive assistant messages into one turn', async () => {
    const { input } = await translateForTest(
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'b' },
          { role: 'assistant', content: 'c' },
          { role: 'user', content: 'd' },
        ],
      },
      'meta',
    );
    expect(input.messages).toEqual([
      { role: 'user', content: [{ text: 'a' }] },
      { role: 'assistant', content: [{ text: 'b' }, { text: 'c' }] },
      { role: 'user', content: [{ text: 'd' }] },
    ]);
  });

  it('drops a prefill that is only whitespace', async () => {
    const { input } = await translateForTest(
      {
        messages: [
          { role: 'user', content: 'a' },
          {
            role: 'assistant',
            content: [
              { type: 'text', text: ' \n' },
              { type: 'text', text: 'x ' },
            ],
          },
        ],
      },
      'meta',
    );
    expect(input.messages[1]).toEqual({ role: 'assistant', content: [{ text: 'x' }] });
  });

  it('drops an empty assistant message under modify_params', async () => {
    const { input } = await translateForTest(
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: '' },
          { role: 'user', content: 'b' },
        ],
      },
      'meta',
      {},
      { modifyParams: true },
    );
    expect(input.messages).toEqual([{ role: 'user', content: [{ text: 'a' }, { text: 'b' }] }]);
  });
});
