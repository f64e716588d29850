import { translateForTest } from './__fixtures__/fixture-support';

const user = { role: 'user', content: 'q' };

describe('assistant turns', () => {
  it('replays bare reasoning_content for non-Anthropic families, first in the turn', async () => {
    const { input } = await translateForTest(
      { messages: [user, { role: 'assistant', content: 'A.', reasoning_content: 'Because.' }, user] },
      'deepseek',
    );
    expect(input.messages[1].content).toEqual([
      { reasoningContent: { reasoningText: { text: 'Because.' } } },
      { text: 'A.' },
    ]);
  });

  it('leaves unsigned reasoning out for Anthropic, which rejects it', async () => {
    const { input } = await translateForTest(
      { messages: [user, { role: 'assistant', content: 'A.', reasoning_content: 'Because.' }, user] },
      'anthropic',
    );
    expect(input.messages[1].content).toEqual([{ text: 'A.' }]);
  });

  it('sends refusals as text', async () => {
    const { input } = await translateForTest(
      {
        messages: [
          user,
          { role: 'assistant', content: [{ type: 'refusal', refusal: 'I cannot.' }] },
          user,
          { role: 'assistant', content: null, refusal: 'Still no.' },
          user,
        ],
      },
      'meta',
    );
    expect(input.messages[1].content).toEqual([{ text: 'I cannot.' }]);
    expect(input.messages[3].content).toEqual([{ text: 'Still no.' }]);
  });
});
