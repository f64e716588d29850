// Budgets: a call is refused before Bedrock is called when the spend of its key, team, user, the user as
// a member of the key's team (max_budget_in_team), its end user or the key's model (model_max_budget)
// has reached its budget. Spend is read live (the database plus what this instance booked and has not written), and
// the estimated cost of this instance's calls still in flight counts as spent: so parallel calls
// against a nearly spent budget overshoot it by at most one call's cost beyond what was in flight
// elsewhere (docs/budgets-and-limits.md, "How far a budget can be overshot"). A budget whose period
// has ended starts a new one here, before it is checked.
import { Injectable } from '@nestjs/common';
import { BudgetLedger, pairId, type BudgetOwner, type BudgetState } from '@quarry/db';
import { parseDuration } from '../../platform/validation/duration';
import { LiveSpend } from '../../spend/live-spend.service';
import type { Limits, Principal } from '../../tenancy/auth/principal';
import type { EndUserSettings } from '../../tenancy/end-users/end-user-directory';
import { budgetExceeded } from './limit-errors';

export interface Budget {
  owner: BudgetOwner;
  id: string;
  maxBudget: number;
  duration: string | null;
  /** For a model budget: the model it is for. */
  model?: string;
}

/** The cost a call has reserved against its budgets while in flight; released when it ends. */
export interface BudgetHold {
  /** The key's spend when it is past its soft_budget (the call goes ahead, with a warning). */
  softBudgetSpend?: number;
  release(): void;
}

/** A key's soft_budget: warned about, never refused. */
export interface SoftBudget {
  keyId: string;
  softBudget: number;
}

@Injectable()
export class BudgetGuard {
  /** owner:id → estimated cost of this instance's admitted calls not yet ended. */
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly live: LiveSpend,
    private readonly ledger: BudgetLedger,
  ) {}

  /**
   * The budgets set on the call (from the cached principal and end user: no database work when there
   * are none). `model` is the name the client asked for, as model_max_budget names it.
   */
  budgetsOf(
    principal: Principal,
    model: string,
    endUser: { id: string; settings: EndUserSettings } | undefined,
  ) {
    const budgets: Budget[] = [];
    add(budgets, 'key', principal.key?.id, principal.key);
    add(budgets, 'team', principal.team?.id, principal.team);
    add(budgets, 'user', principal.user?.id, principal.user);
    const member = principal.member;
    if (member && member.maxBudgetInTeam !== null)
      budgets.push({
        owner: 'team_member',
        id: pairId(member.teamId, member.userId),
        maxBudget: member.maxBudgetInTeam,
        duration: member.budgetDuration,
      });
    const modelBudget = principal.key?.modelBudgets[model];
    if (principal.key && modelBudget)
      budgets.push({ owner: 'model', id: pairId(principal.key.id, model), ...modelBudget, model });
    if (endUser && endUser.settings.maxBudget !== null)
      budgets.push({
        owner: 'end_user',
        id: endUser.id,
        maxBudget: endUser.settings.maxBudget,
        duration: endUser.settings.budgetDuration,
      });
    return budgets;
  }

  /** @throws OpenAIError 429 budget_exceeded naming the first budget that is spent. */
  async admit(budgets: readonly Budget[], estimatedCost: number, soft?: SoftBudget): Promise<BudgetHold> {
    const ids: Partial<Record<BudgetOwner, string>> = {};
    for (const budget of budgets) ids[budget.owner] = budget.id;
    if (soft) ids.key = soft.keyId;
    const states = await this.live.budgetsOf(ids);
    const now = new Date();
    for (const budget of budgets) {
      const state = await this.current(budget, states[budget.owner], now);
      const reserved = this.inFlight.get(slot(budget)) ?? 0;
      if (state.spend + reserved >= budget.maxBudget)
        throw budgetExceeded(budget, state.spend, reserved, state.resetAt);
    }
    for (const budget of budgets)
      this.inFlight.set(slot(budget), (this.inFlight.get(slot(budget)) ?? 0) + estimatedCost);
    let released = false;
    const keySpend = states.key?.spend ?? 0;
    return {
      softBudgetSpend: soft && keySpend >= soft.softBudget ? keySpend : undefined,
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

  /**
   * The state to check: a period that has ended is reset first (once, whichever instance gets there); a
   * member's or model's budget with a period but no period started yet starts one now.
   */
  private async current(budget: Budget, state: BudgetState | undefined, now: Date): Promise<BudgetState> {
    if (!state) return { spend: 0, resetAt: null };
    if (!budget.duration) return state;
    const startsHere = budget.owner === 'team_member' || budget.owner === 'model';
    if (state.resetAt ? state.resetAt > now : !startsHere) return state;
    const period = parseDuration(budget.duration);
    if (period === undefined) return state;
    const next = new Date(now.getTime() + period);
    await this.ledger.resetIfDue(budget.owner, budget.id, now, next);
    this.live.forgetStoredReads();
    return { spend: 0, resetAt: next };
  }
}

function add(
  budgets: Budget[],
  owner: BudgetOwner,
  id: string | undefined,
  limits: Limits | undefined,
): void {
  if (id && limits && limits.maxBudget !== null)
    budgets.push({ owner, id, maxBudget: limits.maxBudget, duration: limits.budgetDuration });
}

function slot(budget: Budget): string {
  return `${budget.owner}:${budget.id}`;
}
