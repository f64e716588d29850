// In-process cache of authenticated keys, by secret hash: a hit costs one Map lookup and no database
// query. Entries live for a short TTL and are dropped at once by invalidation events (this instance's
// changes synchronously, other instances' through the invalidation bus). A small negative cache keeps a
// flood of repeated unknown keys off the database.
import type { CachedKey } from './cached-key';
import type { InvalidationEvent } from '../../platform/invalidation/invalidation-event';

export interface KeyCacheOptions {
  ttlMs: number;
  maxEntries: number;
  unknownTtlMs: number;
  maxUnknownEntries: number;
  now?: () => number;
}

export const DEFAULT_KEY_CACHE_OPTIONS: KeyCacheOptions = {
  ttlMs: 30_000,
  maxEntries: 20_000,
  unknownTtlMs: 5_000,
  maxUnknownEntries: 10_000,
};

interface Timed<T> {
  value: T;
  storedAt: number;
}

export const UNKNOWN_KEY = Symbol('unknown key');

export class KeyCache {
  private readonly known = new Map<string, Timed<CachedKey>>();
  private readonly unknown = new Map<string, number>();
  private readonly now: () => number;
  /**
   * Bumped by every invalidation. A database load that started before an invalidation must not store
   * its (possibly stale) result, so loads remember the generation they started in.
   */
  private currentGeneration = 0;

  constructor(private readonly options: KeyCacheOptions = DEFAULT_KEY_CACHE_OPTIONS) {
    this.now = options.now ?? Date.now;
  }

  get generation(): number {
    return this.currentGeneration;
  }

  get size(): number {
    return this.known.size;
  }

  get(hash: string): CachedKey | typeof UNKNOWN_KEY | undefined {
    const entry = this.known.get(hash);
    const now = this.now();
    if (entry) {
      if (now - entry.storedAt < this.options.ttlMs) return entry.value;
      this.known.delete(hash);
    }
    const unknownSince = this.unknown.get(hash);
    if (unknownSince !== undefined) {
      if (now - unknownSince < this.options.unknownTtlMs) return UNKNOWN_KEY;
      this.unknown.delete(hash);
    }
    return undefined;
  }

  set(hash: string, value: CachedKey, loadedInGeneration: number): void {
    if (loadedInGeneration !== this.currentGeneration) return;
    this.known.delete(hash);
    this.known.set(hash, { value, storedAt: this.now() });
    evictOldest(this.known, this.options.maxEntries);
  }

  setUnknown(hash: string, loadedInGeneration: number): void {
    if (loadedInGeneration !== this.currentGeneration) return;
    this.unknown.delete(hash);
    this.unknown.set(hash, this.now());
    evictOldest(this.unknown, this.options.maxUnknownEntries);
  }

  /** Invalidation is rare (admin actions), so a scan over the bounded map is cheaper than extra indexes. */
  invalidate(event: InvalidationEvent): void {
    this.currentGeneration++;
    if (event.all) {
      this.known.clear();
      this.unknown.clear();
      return;
    }
    const keys = new Set(event.keys ?? []);
    const teams = new Set(event.teams ?? []);
    const users = new Set(event.users ?? []);
    if (keys.size + teams.size + users.size === 0) return;
    for (const [hash, { value }] of this.known) {
      const { key, teamId, userId } = value.principal;
      if ((key && keys.has(key.id)) || (teamId && teams.has(teamId)) || (userId && users.has(userId)))
        this.known.delete(hash);
    }
    // A key id in an event may be one whose secret was just created or rotated: forget refusals too.
    if (keys.size > 0) this.unknown.clear();
  }
}

function evictOldest<K, V>(map: Map<K, V>, maxEntries: number): void {
  while (map.size > maxEntries) {
    const oldest = map.keys().next();
    if (oldest.done) return;
    map.delete(oldest.value);
  }
}
