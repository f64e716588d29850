// Turns the key a request presents into a Principal, or refuses it. Hot path: the presented key is hashed
// once; then the master key costs one constant-time comparison of digests, a cached virtual key one Map
// lookup; only a cache miss queries the database (and concurrent misses for the same key share one query).
import { Inject, Injectable } from '@nestjs/common';
import { OpenAIError } from '@quarry/openai';
import { ALL_KEYS, isDatabaseUnavailable, KeysRepository } from '@quarry/db';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { databaseUnavailableError } from '../../platform/errors/database-unavailable.error';
import { CacheInvalidationService } from '../../platform/invalidation/cache-invalidation.service';
import { KeyCache, UNKNOWN_KEY } from './key-cache';
import { cachedKeyFrom, type CachedKey } from './cached-key';
import { MasterKeyMatcher } from './master-key';
import { MASTER_PRINCIPAL, type Principal } from './principal';
import { virtualKeyDigest } from './virtual-key';

// Messages never contain the presented key, its hash or its display form (LESSONS: secrets in error bodies).
const missingKey = () =>
  new OpenAIError(
    401,
    'Missing API key. Send it as "Authorization: Bearer <key>" or in the x-api-key header.',
    'authentication_error',
    null,
    'missing_api_key',
  );
const invalidKey = () =>
  new OpenAIError(401, 'Invalid API key.', 'authentication_error', null, 'invalid_api_key');
const expiredKey = () =>
  new OpenAIError(401, 'This API key has expired.', 'authentication_error', null, 'expired_api_key');
const blockedKey = () =>
  new OpenAIError(403, 'This API key is blocked.', 'permission_error', null, 'key_blocked');
const blockedTeam = () =>
  new OpenAIError(403, "This API key's team is blocked.", 'permission_error', null, 'team_blocked');

@Injectable()
export class KeyAuthenticator {
  private readonly cache = new KeyCache();
  private readonly master: MasterKeyMatcher;
  private readonly loading = new Map<string, Promise<CachedKey | undefined>>();

  constructor(
    private readonly keys: KeysRepository,
    @Inject(APP_CONFIG) config: AppConfig,
    invalidation: CacheInvalidationService,
  ) {
    this.master = new MasterKeyMatcher(config.masterKey);
    invalidation.subscribe((event) => this.cache.invalidate(event));
  }

  async authenticate(presentedKey: string | undefined): Promise<Principal> {
    if (!presentedKey) throw missingKey();
    const digest = virtualKeyDigest(presentedKey);
    if (this.master.matchesDigest(digest)) return MASTER_PRINCIPAL;
    const hash = digest.toString('hex');
    let entry = this.cache.get(hash);
    if (entry === UNKNOWN_KEY) throw invalidKey();
    if (entry === undefined) {
      entry = await this.load(hash);
      if (!entry) throw invalidKey();
    }
    return admit(entry, Date.now());
  }

  private load(hash: string): Promise<CachedKey | undefined> {
    const pending = this.loading.get(hash);
    if (pending) return pending;
    const generation = this.cache.generation;
    // Every key: this lookup decides who the caller is, so there is no caller scope yet.
    const promise = this.keys
      .findByHashWithOwners(ALL_KEYS, hash)
      .then((record) => {
        if (!record) {
          this.cache.setUnknown(hash, generation);
          return undefined;
        }
        const entry = cachedKeyFrom(record, hash);
        this.cache.set(hash, entry, generation);
        return entry;
      })
      .catch((error: unknown) => {
        // A key that cannot be looked up is neither valid nor invalid: the client should come back.
        throw isDatabaseUnavailable(error) ? databaseUnavailableError() : error;
      })
      .finally(() => this.loading.delete(hash));
    this.loading.set(hash, promise);
    return promise;
  }
}

/** Checks that change with time or with admin actions are made on every request, also on cache hits. */
function admit(entry: CachedKey, now: number): Principal {
  if (entry.graceEndsAt !== null && now >= entry.graceEndsAt) throw invalidKey();
  if (entry.expiresAt !== null && now >= entry.expiresAt) throw expiredKey();
  if (entry.keyBlocked) throw blockedKey();
  if (entry.teamBlocked) throw blockedTeam();
  return entry.principal;
}
