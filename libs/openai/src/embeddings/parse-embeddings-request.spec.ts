import { OpenAIError } from '../errors';
import { parseEmbeddingsRequest } from './parse-embeddings-request';

function paramOf(body: unknown): string | null | undefined {
  try {
    parseEmbeddingsRequest(body);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(OpenAIError);
    return (error as OpenAIError).param;
  }
}

describe('parseEmbeddingsRequest', () => {
  it('turns a single string into a one-item list and keeps the settings', () => {
    const parsed = parseEmbeddingsRequest({
      model: 'm',
      input: 'hello',
      encoding_format: 'base64',
      dimensions: 256,
    });
    expect(parsed.input).toEqual(['hello']);
    expect(parsed).toMatchObject({ encoding_format: 'base64', dimensions: 256 });
  });

  it.each([
    [{ input: 'x' }, 'model'],
    [{ model: 'm' }, 'input'],
    [{ model: 'm', input: '' }, 'input'],
    [{ model: 'm', input: [] }, 'input'],
    [{ model: 'm', input: ['a', ''] }, 'input[1]'],
    [{ model: 'm', input: ['a', 7] }, 'input[1]'],
    [{ model: 'm', input: [[1, 2, 3]] }, 'input[0]'],
    [{ model: 'm', input: 'a', encoding_format: 'int8' }, 'encoding_format'],
    [{ model: 'm', input: 'a', dimensions: 0 }, 'dimensions'],
    [{ model: 'm', input: 'a', truncate: 'MIDDLE' }, 'truncate'],
  ])('refuses %j naming %s', (body, param) => {
    expect(paramOf(body)).toBe(param);
  });

  it('refuses more inputs than OpenAI allows', () => {
    expect(paramOf({ model: 'm', input: Array.from({ length: 2049 }, () => 'x') })).toBe('input');
  });
});
