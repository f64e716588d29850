// The spend of a caller's key, team and user as it is now, for budget checks: the principal cached at
// authentication holds the spend of when it was loaded, which goes stale as requests are booked. Now is
// what the database holds (written by every instance) plus what this instance has booked and not yet
// written. One database round trip: callers ask only when a budget is set.
//
// Budget checks run on every call of an owner with a budget, so the database part is kept for up to
// BUDGET_READ_TTL_MS and shared by the calls that ask meanwhile (one read in flight per set of owners).
// It is dropped as soon as this instance commits a write (its own spend then moves from "unwritten" into
// the database) or a budget period is reset; what it may miss is other instances' spend written during
// those milliseconds, which docs/budgets-and-limits.md adds to the overshoot bound.
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

/** How long a database read of budget spend serves later checks (the staleness other instances add). */
export const BUDGET_READ_TTL_MS = 1_000;

interface StoredRead {
  states: Promise<BudgetStates>;
  readAt: number;
  committedWrites: number;
}

@Injectable()
export class LiveSpend {
  private readonly reads = new Map<string, StoredRead>();

  constructor(
    private readonly balances: SpendBalancesReader,
    private readonly writer: SpendWriter,
    private readonly ledger: BudgetLedger,
  ) {}

  /** Live spend with the end of each budget period, for the budget check (at most one round trip). */
  async budgetsOf(ids: BudgetOwnerIds): Promise<BudgetStates> {
    const states = cloneStates(await this.storedStates(ids));
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

  /** A budget period was reset: stored reads may hold the spend of the period that ended. */
  forgetStoredReads(): void {
    this.reads.clear();
  }

  private storedStates(ids: BudgetOwnerIds): Promise<BudgetStates> {
    const key = JSON.stringify(ids);
    const now = Date.now();
    const stored = this.reads.get(key);
    if (
      stored &&
      stored.committedWrites === this.writer.committedWrites &&
      now - stored.readAt < BUDGET_READ_TTL_MS
    )
      return stored.states;
    const states = this.ledger.read(ids);
    const read: StoredRead = { states, readAt: now, committedWrites: this.writer.committedWrites };
    this.reads.set(key, read);
    // A failed read is not kept: the next check asks the database again.
    states.catch(() => this.reads.get(key) === read && this.reads.delete(key));
    if (this.reads.size > MAX_STORED_READS) this.reads.delete(this.reads.keys().next().value!);
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

/** Sets of owners remembered at once (each an active key's budgets); the oldest is dropped first. */
const MAX_STORED_READS = 10_000;

function cloneStates(states: BudgetStates): BudgetStates {
  const copy: BudgetStates = {};
  for (const [owner, state] of Object.entries(states) as Array<
    [keyof BudgetStates, BudgetStates[keyof BudgetStates]]
  >)
    if (state) copy[owner] = { ...state };
  return copy;
}
