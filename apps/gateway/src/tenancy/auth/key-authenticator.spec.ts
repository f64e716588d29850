import crypto from 'node:crypto';
import type { KeysRepository, KeyWithOwners } from '@quarry/db';
import type { AppConfig } from '../../platform/config/app-config';
import type { CacheInvalidationService } from '../../platform/invalidation/cache-invalidation.service';
import { KeyAuthenticator } from './key-authenticator.service';
import { MASTER_PRINCIPAL } from './principal';
import { generateVirtualKey, hashVirtualKey } from './virtual-key';

const MASTER_KEY = 'sk-master-for-this-spec';

function authenticatorFor(secret: string) {
  const record = {
    id: 'key-1',
    hash: hashVirtualKey(secret),
    previousHash: null,
    previousHashExpires: null,
    alias: null,
    displayKey: 'sk-…abcd',
    teamId: null,
    userId: null,
    models: [],
    aliases: {},
    metadata: {},
    maxBudget: null,
    budgetDuration: null,
    rpmLimit: null,
    tpmLimit: null,
    maxParallelRequests: null,
    spend: 0,
    expiresAt: null,
    blocked: false,
    team: null,
    user: null,
  } as unknown as KeyWithOwners;
  const findByHashWithOwners = jest.fn(async (): Promise<KeyWithOwners | null> => record);
  const keys = { findByHashWithOwners } as unknown as KeysRepository;
  const invalidation = { subscribe: () => undefined } as unknown as CacheInvalidationService;
  return {
    authenticator: new KeyAuthenticator(keys, { masterKey: MASTER_KEY } as AppConfig, invalidation),
    findByHashWithOwners,
  };
}

describe('KeyAuthenticator', () => {
  const createHash = jest.spyOn(crypto, 'createHash');
  afterAll(() => createHash.mockRestore());

  it('hashes a presented virtual key once per request, on a cache miss and on a hit (hot path)', async () => {
    const secret = generateVirtualKey();
    const { authenticator, findByHashWithOwners } = authenticatorFor(secret);
    for (const attempt of ['miss', 'hit']) {
      createHash.mockClear();
      const principal = await authenticator.authenticate(secret);
      expect({ attempt, keyId: principal.key?.id, hashes: createHash.mock.calls.length }).toEqual({
        attempt,
        keyId: 'key-1',
        hashes: 1,
      });
    }
    expect(findByHashWithOwners).toHaveBeenCalledTimes(1);
  });

  it('recognises the master key (one hash, no database query) and refuses near misses', async () => {
    const { authenticator, findByHashWithOwners } = authenticatorFor(generateVirtualKey());
    createHash.mockClear();
    expect(await authenticator.authenticate(MASTER_KEY)).toBe(MASTER_PRINCIPAL);
    expect(createHash).toHaveBeenCalledTimes(1);
    expect(findByHashWithOwners).not.toHaveBeenCalled();

    findByHashWithOwners.mockResolvedValue(null);
    await expect(authenticator.authenticate(`${MASTER_KEY}x`)).rejects.toMatchObject({ status: 401 });
    await expect(authenticator.authenticate(MASTER_KEY.slice(0, -1))).rejects.toMatchObject({ status: 401 });
  });
});
