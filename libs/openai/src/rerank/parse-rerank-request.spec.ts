import { OpenAIError } from '../errors';
import { parseRerankRequest } from './parse-rerank-request';

function paramOf(body: unknown): string | null | undefined {
  try {
    parseRerankRequest(body);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(OpenAIError);
    return (error as OpenAIError).param;
  }
}

describe('parseRerankRequest', () => {
  it('accepts string and object documents', () => {
    const parsed = parseRerankRequest({ model: 'm', query: 'q', documents: ['a', { text: 'b' }], top_n: 1 });
    expect(parsed.documents).toEqual(['a', { text: 'b' }]);
  });

  it.each([
    [{ query: 'q', documents: ['a'] }, 'model'],
    [{ model: 'm', documents: ['a'] }, 'query'],
    [{ model: 'm', query: 'q' }, 'documents'],
    [{ model: 'm', query: 'q', documents: [] }, 'documents'],
    [{ model: 'm', query: 'q', documents: ['a', 3] }, 'documents[1]'],
    [{ model: 'm', query: 'q', documents: [''] }, 'documents[0]'],
    [{ model: 'm', query: 'q', documents: ['a'], top_n: 0 }, 'top_n'],
    [{ model: 'm', query: 'q', documents: ['a'], return_documents: 'yes' }, 'return_documents'],
    [{ model: 'm', query: 'q', documents: ['a'], rank_fields: 'title' }, 'rank_fields'],
  ])('refuses %j naming %s', (body, param) => {
    expect(paramOf(body)).toBe(param);
  });

  it('refuses more documents than Bedrock ranks at once', () => {
    expect(paramOf({ model: 'm', query: 'q', documents: Array.from({ length: 1001 }, () => 'x') })).toBe(
      'documents',
    );
  });
});
