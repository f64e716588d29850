// Spend to add to keys, teams and users, summed per id. Kept apart from the row buffer so that totals
// stay exact even when rows must be shed (see SpendWriter): it is bounded by the number of principals.
import type { SpendRecord } from './spend-record';

export class SpendTotals {
  readonly keys = new Map<string, number>();
  readonly teams = new Map<string, number>();
  readonly users = new Map<string, number>();

  add(record: Pick<SpendRecord, 'keyId' | 'teamId' | 'userId' | 'cost'>): void {
    if (!(record.cost > 0)) return;
    if (record.keyId) this.keys.set(record.keyId, (this.keys.get(record.keyId) ?? 0) + record.cost);
    if (record.teamId) this.teams.set(record.teamId, (this.teams.get(record.teamId) ?? 0) + record.cost);
    if (record.userId) this.users.set(record.userId, (this.users.get(record.userId) ?? 0) + record.cost);
  }

  /** Moves everything into a new object and leaves this one empty. */
  take(): SpendTotals {
    const taken = new SpendTotals();
    for (const name of ['keys', 'teams', 'users'] as const) {
      for (const [id, cost] of this[name]) taken[name].set(id, cost);
      this[name].clear();
    }
    return taken;
  }

  /** Puts back totals whose write failed. */
  restore(totals: SpendTotals): void {
    for (const name of ['keys', 'teams', 'users'] as const) {
      for (const [id, cost] of totals[name]) this[name].set(id, (this[name].get(id) ?? 0) + cost);
    }
  }

  get isEmpty(): boolean {
    return this.keys.size === 0 && this.teams.size === 0 && this.users.size === 0;
  }
}
