import { requestMetadataProblem } from './request-metadata';

describe('requestMetadataProblem', () => {
  it('accepts what Bedrock accepts: 16 pairs of allowed characters, empty values included', () => {
    const metadata: Record<string, string> = {
      'team:name': 'search-app',
      'cost center': '',
      trace: 'a@b#c=d/e+f,g-h.i$',
    };
    for (let index = 0; index < 13; index++) metadata[`k${index}`] = 'v';
    expect(Object.keys(metadata)).toHaveLength(16);
    expect(requestMetadataProblem(metadata)).toBeUndefined();
  });

  it('refuses a 17th pair', () => {
    const metadata: Record<string, string> = {};
    for (let index = 0; index < 17; index++) metadata[`k${index}`] = 'v';
    expect(requestMetadataProblem(metadata)).toMatchObject({ param: 'requestMetadata' });
  });

  it('names the key whose characters or length Bedrock refuses', () => {
    expect(requestMetadataProblem({ 'bad!key': 'v' })).toMatchObject({ param: 'requestMetadata.bad!key' });
    expect(requestMetadataProblem({ '': 'v' })).toMatchObject({ param: 'requestMetadata.' });
    expect(requestMetadataProblem({ k: 'x'.repeat(257) })).toMatchObject({ param: 'requestMetadata.k' });
    expect(requestMetadataProblem({ k: 'quote"' })).toMatchObject({ param: 'requestMetadata.k' });
    expect(requestMetadataProblem({ k: 7 })).toMatchObject({ param: 'requestMetadata.k' });
  });
});
