// The spend of a caller's key, team and user as it is now, for budget checks: the principal cached at
// authentication holds the spend of when it was loaded, which goes stale as requests are booked. Now is
// what the database holds (written by every instance) plus what this instance has booked and not yet
// written. One database round trip: callers ask only when a budget is set.
import { Injectable } from '@nestjs/common';
import { SpendBalancesReader, type SpendBalances } from '@quarry/db';
import type { Principal } from '../tenancy/auth/principal';
import { SpendWriter } from './spend-writer.service';

@Injectable()
export class LiveSpend {
  constructor(
    private readonly balances: SpendBalancesReader,
    private readonly writer: SpendWriter,
  ) {}

  async of(principal: Principal): Promise<SpendBalances> {
    const keyId = principal.key?.id;
    const { teamId, userId } = principal;
    const stored = await this.balances.read({ keyId, teamId, userId });
    const live: SpendBalances = {};
    if (keyId) live.key = (stored.key ?? 0) + this.writer.unwrittenSpend('keys', keyId);
    if (teamId) live.team = (stored.team ?? 0) + this.writer.unwrittenSpend('teams', teamId);
    if (userId) live.user = (stored.user ?? 0) + this.writer.unwrittenSpend('users', userId);
    return live;
  }
}
