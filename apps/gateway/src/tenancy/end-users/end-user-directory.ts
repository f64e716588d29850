// What the limits step needs to know about an end user (its budget, whether it is blocked), cached in
// this process: a call carrying `user` costs no database read on a hit. Changes through /customer/* are
// applied here at once and broadcast to other instances (cache invalidation); the TTL bounds staleness
// if a broadcast is lost.
import { Injectable } from '@nestjs/common';
import { EndUsersRepository, pairId } from '@quarry/db';
import { CacheInvalidationService } from '../../platform/invalidation/cache-invalidation.service';

export interface EndUserSettings {
  maxBudget: number | null;
  budgetDuration: string | null;
  blocked: boolean;
}

const TTL_MS = 30_000;
const MAX_ENTRIES = 100_000;
/** An end user nobody registered: no budget, not blocked (cached too, so unknown users cost no reads). */
const UNREGISTERED: EndUserSettings = Object.freeze({
  maxBudget: null,
  budgetDuration: null,
  blocked: false,
});

@Injectable()
export class EndUserDirectory {
  private readonly cache = new Map<string, { settings: EndUserSettings; expiresAt: number }>();

  constructor(
    private readonly endUsers: EndUsersRepository,
    invalidation: CacheInvalidationService,
  ) {
    invalidation.subscribe((event) => {
      if (event.all) this.cache.clear();
      for (const id of event.endUsers ?? []) this.cache.delete(id);
    });
  }

  async settingsOf(teamId: string, userId: string): Promise<EndUserSettings> {
    const id = pairId(teamId, userId);
    const now = performance.now();
    const cached = this.cache.get(id);
    if (cached && cached.expiresAt > now) return cached.settings;
    const settings = (await this.endUsers.settings(teamId, userId)) ?? UNREGISTERED;
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
    this.cache.set(id, { settings, expiresAt: now + TTL_MS });
    return settings;
  }
}
