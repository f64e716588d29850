import { KeyCache, UNKNOWN_KEY } from './key-cache';
import type { CachedKey } from './cached-key';
import type { Principal, PrincipalKey } from './principal';

function entry(keyId: string, teamId?: string, userId?: string): CachedKey {
  const principal = {
    kind: 'key',
    key: { id: keyId } as PrincipalKey,
    teamId,
    userId,
    role: 'internal_user',
    teamAdminOf: [],
    teamMemberOf: [],
  } as Principal;
  return { principal, graceEndsAt: null, expiresAt: null, keyBlocked: false, teamBlocked: false };
}

describe('KeyCache', () => {
  let now = 0;
  const cache = () =>
    new KeyCache({ ttlMs: 1_000, maxEntries: 3, unknownTtlMs: 100, maxUnknownEntries: 2, now: () => now });
  beforeEach(() => {
    now = 1_000_000;
  });

  it('serves an entry until its TTL ends', () => {
    const keys = cache();
    const value = entry('k1');
    keys.set('h1', value, keys.generation);
    now += 999;
    expect(keys.get('h1')).toBe(value);
    now += 1;
    expect(keys.get('h1')).toBeUndefined();
  });

  it('remembers unknown keys briefly', () => {
    const keys = cache();
    keys.setUnknown('bogus', keys.generation);
    expect(keys.get('bogus')).toBe(UNKNOWN_KEY);
    now += 100;
    expect(keys.get('bogus')).toBeUndefined();
  });

  it('evicts the oldest entries beyond its size', () => {
    const keys = cache();
    for (const id of ['a', 'b', 'c', 'd']) keys.set(id, entry(id), keys.generation);
    expect(keys.size).toBe(3);
    expect(keys.get('a')).toBeUndefined();
    expect(keys.get('d')).toBeDefined();
  });

  it('drops entries by key, team and user id, and leaves others', () => {
    const keys = cache();
    keys.set('h1', entry('k1', 't1', 'u1'), keys.generation);
    keys.set('h2', entry('k2', 't2', 'u2'), keys.generation);
    keys.set('h3', entry('k3', undefined, 'u3'), keys.generation);
    const cached = () => ['h1', 'h2', 'h3'].filter((hash) => keys.get(hash) !== undefined);
    keys.invalidate({ teams: ['t1'] });
    expect(cached()).toEqual(['h2', 'h3']);
    keys.invalidate({ users: ['u3'] });
    expect(cached()).toEqual(['h2']);
    keys.invalidate({ keys: ['k9'], teams: ['t9'], users: ['u9'] });
    expect(cached()).toEqual(['h2']);
    keys.invalidate({ keys: ['k2'] });
    expect(cached()).toEqual([]);
  });

  it('clears everything, refusals included, on an "all" event', () => {
    const keys = cache();
    keys.set('h1', entry('k1'), keys.generation);
    keys.setUnknown('bogus', keys.generation);
    keys.invalidate({ all: true });
    expect(keys.get('h1')).toBeUndefined();
    expect(keys.get('bogus')).toBeUndefined();
  });

  it('does not store a load that started before an invalidation (it may be stale)', () => {
    const keys = cache();
    const startedIn = keys.generation;
    keys.invalidate({ keys: ['k1'] });
    keys.set('h1', entry('k1'), startedIn);
    keys.setUnknown('h2', startedIn);
    expect(keys.get('h1')).toBeUndefined();
    expect(keys.get('h2')).toBeUndefined();
  });
});
