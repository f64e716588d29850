import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './json-body-limits';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonNestsDeeperThan', () => {
  it('allows nesting up to the cap and refuses one level more', () => {
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(jsonNestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });

  it('counts objects and arrays alike, and depth goes back down when they close', () => {
    expect(jsonNestsDeeperThan('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":[{"b":1}]}', 2)).toBe(true);
    expect(jsonNestsDeeperThan('[[1],[2],[3],[4]]', 2)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonNestsDeeperThan(JSON.stringify({ text: '[[[[[[{{{{' }), 1)).toBe(false);
    expect(jsonNestsDeeperThan(JSON.stringify({ text: 'say \\"[[[[" and "\\\\"' }), 1)).toBe(false);
    expect(jsonNestsDeeperThan('{"a\\"[[[":1}', 1)).toBe(false);
  });

  it('walks 100,000 levels without recursion', () => {
    expect(jsonNestsDeeperThan(nested(100_000), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('jsonNestsDeeperThan with escapes', () => {
  it('tells an escaped quote from a closing one after any number of backslashes', () => {
    expect(jsonNestsDeeperThan(JSON.stringify({ a: '\\', b: [[[1]]] }), 3)).toBe(true);
    expect(jsonNestsDeeperThan(JSON.stringify({ a: '\\"[[[[', b: [1] }), 2)).toBe(false);
    expect(jsonNestsDeeperThan(JSON.stringify({ a: '\\\\\\', b: [[1]] }), 2)).toBe(true);
  });

  it('stops at an unterminated string (JSON.parse reports it)', () => {
    expect(jsonNestsDeeperThan('{"a": "[[[[[[', 2)).toBe(false);
  });
});
