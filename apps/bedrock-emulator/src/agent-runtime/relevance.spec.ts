import { rankDocuments } from './relevance';

describe('rankDocuments', () => {
  it('sorts by word overlap with the query, highest first', () => {
    const ranked = rankDocuments('capital of france', [
      'berlin',
      'paris is the capital of france',
      'the capital',
    ]);
    expect(ranked.map((result) => result.index)).toEqual([1, 2, 0]);
    expect(ranked[0].relevanceScore).toBeGreaterThan(ranked[1].relevanceScore);
    expect(ranked[1].relevanceScore).toBeGreaterThan(ranked[2].relevanceScore);
  });

  it('keeps input order for equal scores', () => {
    expect(rankDocuments('apples', ['pears', 'plums', 'apples']).map((result) => result.index)).toEqual([
      2, 0, 1,
    ]);
  });
});
