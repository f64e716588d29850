// Budgets: a call is refused before Bedrock is called when the spend of its key, team or user has reached
// max_budget. Spend is read live (the database plus what this instance booked and has not written), and
// the estimated cost of this instance's calls still in flight counts as spent: so parallel calls
// against a nearly spent budget overshoot it by at most one call's cost beyond what was in flight
// elsewhere (docs/budgets-and-limits.md, "How far a budget can be overshot"). A budget whose period
// has ended starts a new one here, before it is checked.
import { Injectable } from '@nestjs/common';
import { BudgetLedger, type BudgetOwner, type BudgetState } from '@quarry/db';
import { parseDuration } from '../../platform/validation/duration';
import { LiveSpend } from '../../spend/live-spend.service';
import type { Limits, Principal } from '../../tenancy/auth/principal';
import { budgetExceeded } from './limit-errors';

export interface Budget {
  owner: BudgetOwner;
  id: string;
  maxBudget: number;
  duration: string | null;
}

/** The cost a call has reserved against its budgets while in flight; released when it ends. */
export interface BudgetHold {
  release(): void;
}

const NO_HOLD: BudgetHold = { release: () => undefined };

@Injectable()
export class BudgetGuard {
  /** owner:id → estimated cost of this instance's admitted calls not yet ended. */
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly live: LiveSpend,
    private readonly ledger: BudgetLedger,
  ) {}

  /** The budgets set on the caller (from the cached principal: no database work when there are none). */
  budgetsOf(principal: Principal): Budget[] {
    const budgets: Budget[] = [];
    add(budgets, 'key', principal.key?.id, principal.key);
    add(budgets, 'team', principal.team?.id, principal.team);
    add(budgets, 'user', principal.user?.id, principal.user);
    return budgets;
  }

  /** @throws OpenAIError 429 budget_exceeded naming the first budget that is spent. */
  async admit(budgets: readonly Budget[], estimatedCost: number): Promise<BudgetHold> {
    if (budgets.length === 0) return NO_HOLD;
    const ids: Partial<Record<BudgetOwner, string>> = {};
    for (const budget of budgets) ids[budget.owner] = budget.id;
    const states = await this.live.budgetsOf(ids);
    const now = new Date();
    for (const budget of budgets) {
      const state = await this.current(budget, states[budget.owner], now);
      const reserved = this.inFlight.get(slot(budget)) ?? 0;
      if (state.spend + reserved >= budget.maxBudget)
        throw budgetExceeded(budget, state.spend, reserved, state.resetAt);
    }
    for (const budget of budgets) this.inFlight.set(slot(budget), (this.inFlight.get(slot(budget)) ?? 0) + estimatedCost);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        for (const budget of budgets) {
          const left = (this.inFlight.get(slot(budget)) ?? 0) - estimatedCost;
          if (left > 1e-12) this.inFlight.set(slot(budget), left);
          else this.inFlight.delete(slot(budget));
        }
      },
    };
  }

  /** The state to check: a period that has ended is reset first (once, whichever instance gets there). */
  private async current(budget: Budget, state: BudgetState | undefined, now: Date): Promise<BudgetState> {
    if (!state) return { spend: 0, resetAt: null };
    if (!state.resetAt || state.resetAt > now || !budget.duration) return state;
    const period = parseDuration(budget.duration);
    if (period === undefined) return state;
    const next = new Date(now.getTime() + period);
    await this.ledger.resetIfDue(budget.owner, budget.id, now, next);
    return { spend: 0, resetAt: next };
  }
}

function add(budgets: Budget[], owner: BudgetOwner, id: string | undefined, limits: Limits | undefined): void {
  if (id && limits && limits.maxBudget !== null)
    budgets.push({ owner, id, maxBudget: limits.maxBudget, duration: limits.budgetDuration });
}

function slot(budget: Budget): string {
  return `${budget.owner}:${budget.id}`;
}
