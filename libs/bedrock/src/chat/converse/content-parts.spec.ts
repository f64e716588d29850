import { translateForTest } from './__fixtures__/fixture-support';
import { EMPTY_TOOL_RESULT } from './content-parts';

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

async function toolResultOf(content: unknown) {
  const { input } = await translateForTest(
    {
      tools: [{ type: 'function', function: { name: 'f' } }],
      messages: [
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'a', content },
      ],
    },
    'anthropic',
  );
  return input.messages[2].content[0].toolResult.content;
}

describe('tool message content', () => {
  it('keeps JSON-looking strings as text', async () => {
    expect(await toolResultOf('{"a": 1.50}')).toEqual([{ text: '{"a": 1.50}' }]);
  });

  it('turns an empty result into a placeholder the model can read', async () => {
    expect(await toolResultOf('')).toEqual([{ text: EMPTY_TOOL_RESULT }]);
    expect(await toolResultOf([])).toEqual([{ text: EMPTY_TOOL_RESULT }]);
  });

  it('carries images and documents inside the result', async () => {
    expect(
      await toolResultOf([
        { type: 'text', text: 'chart:' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
        { type: 'file', file: { file_data: 'data:text/csv;base64,YSxiCg==', filename: 'data.csv' } },
      ]),
    ).toEqual([
      { text: 'chart:' },
      { image: { format: 'png', source: { bytes: PNG } } },
      { document: { format: 'csv', name: 'data', source: { bytes: 'YSxiCg==' } } },
    ]);
  });
});

describe('user content', () => {
  it('drops blank parts under modify_params and skips a message left empty', async () => {
    const { input } = await translateForTest(
      {
        messages: [
          { role: 'user', content: [{ type: 'text', text: '' }] },
          { role: 'user', content: 'real question' },
        ],
      },
      'meta',
      {},
      { modifyParams: true },
    );
    expect(input.messages).toEqual([{ role: 'user', content: [{ text: 'real question' }] }]);
  });
});
