import { estimatedStreamUsage, promptCharactersOf, textCharacters } from './cut-stream-estimate';

describe('the estimate of a cut passthrough stream', () => {
  it('counts the text a model reads, not base64 payloads, signatures, padding or protocol words', () => {
    const body = {
      system: [{ text: 'Be brief.' }],
      messages: [
        {
          role: 'user',
          content: [
            { text: 'Describe this.' },
            { image: { format: 'png', source: { bytes: 'A'.repeat(100_000) } } },
          ],
        },
      ],
    };
    // 'Be brief.' + 'Describe this.' + 'png'
    expect(promptCharactersOf(Buffer.from(JSON.stringify(body)))).toBe(9 + 14 + 3);
    expect(textCharacters({ delta: { text: 'Hello' }, contentBlockIndex: 0, p: 'abcdefghij' })).toBe(5);
    expect(textCharacters({ type: 'content_block_delta', delta: { type: 'text_delta', text: 'Hi' } })).toBe(
      2,
    );
  });

  it('is nothing for a body that is not JSON, and four characters a token', () => {
    expect(promptCharactersOf(Buffer.from('not json'))).toBe(0);
    expect(promptCharactersOf(undefined)).toBe(0);
    expect(estimatedStreamUsage(9, 1)).toMatchObject({ inputTokens: 3, outputTokens: 1 });
  });
});
