import { cachePointFor } from './cache-points';

describe('cachePointFor', () => {
  it('adds a default cache point, with the ttl when one is given', () => {
    expect(cachePointFor({ type: 'ephemeral' }, true)).toEqual({ cachePoint: { type: 'default' } });
    expect(cachePointFor({ type: 'ephemeral', ttl: '1h' }, true)).toEqual({
      cachePoint: { type: 'default', ttl: '1h' },
    });
  });

  it('adds nothing without a hint or without caching support', () => {
    expect(cachePointFor(undefined, true)).toBeUndefined();
    expect(cachePointFor(null, true)).toBeUndefined();
    expect(cachePointFor({ type: 'ephemeral' }, false)).toBeUndefined();
  });
});
