// Spend to add to keys, teams and users — and to team members, end users and a key's models, for their
// budgets — summed per id. Kept apart from the row buffer so that totals stay exact even when rows must
// be shed (see SpendWriter): it is bounded by the number of principals (and of their end users).
import type { SpendRecord } from './spend-record';

/** Every kind of total, in the order they are written. Pair ids are joined with SPEND_ID_SEPARATOR. */
export const SPEND_TOTAL_KINDS = ['keys', 'teams', 'users', 'members', 'endUsers', 'keyModels'] as const;
export type SpendTotalKind = (typeof SPEND_TOTAL_KINDS)[number];

/** Joins the two ids of a member (team, user), an end user (team or '', user) or a key model (key, model). */
export const SPEND_ID_SEPARATOR = '\u0000';

export function pairId(first: string, second: string): string {
  return `${first}${SPEND_ID_SEPARATOR}${second}`;
}

export class SpendTotals {
  readonly keys = new Map<string, number>();
  readonly teams = new Map<string, number>();
  readonly users = new Map<string, number>();
  /** team id + user id: spend of a member in a team (max_budget_in_team). */
  readonly members = new Map<string, number>();
  /** team id ('' for none) + the OpenAI `user`. */
  readonly endUsers = new Map<string, number>();
  /** key id + public model name (model_max_budget). */
  readonly keyModels = new Map<string, number>();

  add(
    record: Pick<SpendRecord, 'keyId' | 'teamId' | 'userId' | 'cost'> &
      Partial<Pick<SpendRecord, 'endUser' | 'modelName' | 'budgetModel'>>,
  ): void {
    if (!(record.cost > 0)) return;
    if (record.keyId) this.addTo('keys', record.keyId, record.cost);
    if (record.teamId) this.addTo('teams', record.teamId, record.cost);
    if (record.userId) this.addTo('users', record.userId, record.cost);
    if (record.teamId && record.userId)
      this.addTo('members', pairId(record.teamId, record.userId), record.cost);
    if (record.endUser) this.addTo('endUsers', pairId(record.teamId ?? '', record.endUser), record.cost);
    const budgetModel = record.budgetModel ?? record.modelName;
    if (record.keyId && budgetModel) this.addTo('keyModels', pairId(record.keyId, budgetModel), record.cost);
  }

  addTo(kind: SpendTotalKind, id: string, cost: number): void {
    this[kind].set(id, (this[kind].get(id) ?? 0) + cost);
  }

  /** Moves everything into a new object and leaves this one empty. */
  take(): SpendTotals {
    const taken = new SpendTotals();
    for (const name of SPEND_TOTAL_KINDS) {
      for (const [id, cost] of this[name]) taken[name].set(id, cost);
      this[name].clear();
    }
    return taken;
  }

  /** Puts back totals whose write failed. */
  restore(totals: SpendTotals): void {
    for (const name of SPEND_TOTAL_KINDS) for (const [id, cost] of totals[name]) this.addTo(name, id, cost);
  }

  get isEmpty(): boolean {
    return SPEND_TOTAL_KINDS.every((name) => this[name].size === 0);
  }
}
