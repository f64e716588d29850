// The spend of a caller's key, team and user as it is now, for budget checks: the principal cached at
// authentication holds the spend of when it was loaded, which goes stale as requests are booked. Now is
// what the database holds (written by every instance) plus what this instance has booked and not yet
// written. One database round trip: callers ask only when a budget is set.
import { Injectable } from '@nestjs/common';
import {
  BudgetLedger,
  SpendBalancesReader,
  type BudgetOwnerIds,
  type BudgetStates,
  type SpendBalances,
} from '@quarry/db';
import type { Principal } from '../tenancy/auth/principal';
import { SpendWriter } from './spend-writer.service';

@Injectable()
export class LiveSpend {
  constructor(
    private readonly balances: SpendBalancesReader,
    private readonly writer: SpendWriter,
    private readonly ledger: BudgetLedger,
  ) {}

  /** Live spend with the end of each budget period, for the budget check (one round trip). */
  async budgetsOf(ids: BudgetOwnerIds): Promise<BudgetStates> {
    const states = await this.ledger.read(ids);
    for (const [owner, totals] of [
      ['key', 'keys'],
      ['team', 'teams'],
      ['user', 'users'],
      ['team_member', 'members'],
      ['end_user', 'endUsers'],
      ['model', 'keyModels'],
    ] as const) {
      const id = ids[owner];
      // No row yet (an end user or a key's model before its first spend is written): nothing stored.
      if (id) (states[owner] ??= { spend: 0, resetAt: null }).spend += this.writer.unwrittenSpend(totals, id);
    }
    return states;
  }

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
