import { parseBatchInput } from './parse-batch-input';

const chat = (customId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    custom_id: customId,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model: 'm', messages: [{ role: 'user', content: 'hi' }], ...extra },
  });

function problemOf(text: string, limits?: { maxLines: number; maxLineBytes: number }) {
  try {
    parseBatchInput(text, limits);
  } catch (error) {
    return { message: (error as Error).message, param: (error as { param?: string }).param };
  }
  throw new Error('expected a refusal');
}

describe('parseBatchInput', () => {
  it('parses every line, skipping blank ones, keeping line numbers', () => {
    const lines = parseBatchInput(`${chat('a')}\n\n${chat('b', { max_tokens: 5 })}\r\n`);
    expect(lines.map((line) => [line.line, line.customId, line.url])).toEqual([
      [1, 'a', '/v1/chat/completions'],
      [3, 'b', '/v1/chat/completions'],
    ]);
  });

  it('names the line and the field of the first problem', () => {
    expect(problemOf(`${chat('a')}\n${chat('a')}`)).toEqual({
      message: 'Line 2: custom_id "a" is already used by line 1',
      param: 'line 2: custom_id',
    });
    expect(problemOf(chat('a', { stream: true }))).toMatchObject({ param: 'line 1: body.stream' });
    expect(problemOf(chat('a', { temperature: 'hot' }))).toMatchObject({
      message: expect.stringMatching(/^Line 1: .*temperature/),
      param: 'line 1: body.temperature',
    });
    const embedding = JSON.stringify({
      custom_id: 'e',
      method: 'POST',
      url: '/v1/embeddings',
      body: { model: 'm', input: 'x' },
    });
    expect(problemOf(`${chat('a')}\n${embedding}`)).toMatchObject({
      message: expect.stringMatching(/one endpoint per file/),
    });
    expect(problemOf('\n\n')).toMatchObject({ message: 'The file has no requests' });
  });

  it('enforces the line count and line size caps', () => {
    expect(problemOf(`${chat('a')}\n${chat('b')}`, { maxLines: 1, maxLineBytes: 10_000 })).toMatchObject({
      message: 'Line 2: the file has more than 1 requests, the most one batch takes',
    });
    expect(problemOf(chat('a'), { maxLines: 10, maxLineBytes: 20 })).toMatchObject({
      message: 'Line 1: the line is longer than 20 bytes',
    });
  });
});
