// The limits step: budgets first (one live read of spend, only when a budget is set), then the rpm, tpm
// and parallel-request counters of the key, team, user and the deployment chosen (one atomic check,
// only when a limit is set). A call with neither does no work here at all. The admission gives back
// what the call took when it ends: slots released, reserved tokens corrected to the real usage, the
// cost reserved against budgets freed (the real cost is booked by the spend writer).
import { Inject, Injectable } from '@nestjs/common';
import type { TokenUsage } from '@quarry/bedrock';
import { pairId } from '@quarry/db';
import type { Logger } from 'pino';
import { LOGGER } from '../../platform/logging/logger.token';
import { EndUserDirectory } from '../../tenancy/end-users/end-user-directory';
import type { ResolvedDeployment } from '../deployments/resolved-deployment';
import type { MeteredCall } from '../metering/metered-call';
import { BudgetGuard, type Budget, type BudgetHold, type SoftBudget } from './budget-guard';
import { LimitCounters, type CounterCheck, type HeldCounter, type Taken } from './counters/limit-counters';
import { InvocationLimits, type Admission, type LimitsRequest } from './invocation-limits';
import { endUserBlocked, rateLimited } from './limit-errors';
import { deploymentChecks, entityChecks } from './rate-limit-checks';
import { rateLimitHeaders } from './rate-limit-headers';
import { estimatedCost, estimateRequest, reservedTokens, type RequestEstimate } from './request-estimate';

const NO_HEADERS = Object.freeze({});
/** Set on answers to a key past its soft_budget (with x-quarry-key-spend and x-quarry-key-soft-budget). */
export const SOFT_BUDGET_HEADER = 'x-quarry-soft-budget-exceeded';

@Injectable()
export class EnforcedLimits extends InvocationLimits {
  constructor(
    private readonly budgets: BudgetGuard,
    private readonly counters: LimitCounters,
    private readonly endUsers: EndUserDirectory,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  /**
   * Answers at once, with no async step, when nothing applies (no end user, budget, soft budget or rate
   * limit on the caller, none on the deployments): the common call pays for no limits machinery.
   */
  admit(call: MeteredCall, request: LimitsRequest): Admission | Promise<Admission> {
    if (call.endUser !== undefined || (request.endUsers?.length ?? 0) > 0)
      return this.admitWithEndUsers(call, request);
    const budgets = this.budgets.budgetsOf(call.principal, call.budgetModel, undefined);
    const soft = softBudgetOf(call.principal);
    const sizes = new RequestSizes(request.body);
    const checks = entityChecks(call.principal, sizes.tokens);
    if (budgets.length === 0 && !soft && checks.length === 0 && !deploymentLimited(request.deployments))
      return unlimited(request.deployments);
    return this.enforce(call, request, { budgets, soft, checks, sizes });
  }

  private async admitWithEndUsers(call: MeteredCall, request: LimitsRequest): Promise<Admission> {
    for (const other of request.endUsers ?? []) await this.checkEndUser(call, other);
    const principal = call.principal;
    const endUser = call.endUser ? await this.endUserOf(principal.teamId ?? '', call.endUser) : undefined;
    const sizes = new RequestSizes(request.body);
    return this.enforce(call, request, {
      budgets: this.budgets.budgetsOf(principal, call.budgetModel, endUser),
      soft: softBudgetOf(principal),
      checks: entityChecks(principal, sizes.tokens),
      sizes,
    });
  }

  private async enforce(call: MeteredCall, request: LimitsRequest, plan: LimitsPlan): Promise<Admission> {
    const { budgets, soft, checks, sizes } = plan;
    const hold =
      budgets.length === 0 && !soft
        ? undefined
        : await this.budgets.admit(budgets, mostExpensive(sizes.estimate(), request.deployments), soft);
    if (hold?.softBudgetSpend !== undefined)
      this.warnSoftBudget(call, soft!.softBudget, hold.softBudgetSpend);
    try {
      const { taken, deployments } = await this.takeCounters(checks, request.deployments, sizes.tokens);
      if (!hold && taken.held.length === 0) return unlimited(deployments);
      return this.admission(taken, deployments, hold, soft);
    } catch (error) {
      hold?.release();
      throw error;
    }
  }

  /**
   * Takes the caller's counters together with those of the first deployment (in the router's order)
   * that is within its own rpm/tpm; a deployment over them is passed over for the next one.
   */
  private async takeCounters(
    checks: CounterCheck[],
    candidates: readonly ResolvedDeployment[],
    tokens: () => number,
  ): Promise<{ taken: Extract<Taken, { ok: true }>; deployments: readonly ResolvedDeployment[] }> {
    if (!deploymentLimited(candidates)) {
      if (checks.length === 0) return { taken: NOTHING_TAKEN, deployments: candidates };
      return { taken: this.accepted(await this.counters.take(checks, Date.now())), deployments: candidates };
    }
    let refusal: Extract<Taken, { ok: false }> | undefined;
    for (const deployment of candidates) {
      const taken = await this.counters.take(
        [...checks, ...deploymentChecks(deployment, tokens)],
        Date.now(),
      );
      if (taken.ok)
        return {
          taken,
          deployments: [deployment, ...candidates.filter((candidate) => candidate !== deployment)],
        };
      if (!taken.refusedBy.name.startsWith('deployment:')) this.accepted(taken);
      refusal = taken;
    }
    return this.accepted(refusal!) as never;
  }

  /** One more end user of the call: refused when blocked or when its budget is spent. */
  private async checkEndUser(call: MeteredCall, name: string): Promise<void> {
    const endUser = await this.endUserOf(call.principal.teamId ?? '', name);
    const budgets = this.budgets
      .budgetsOf(call.principal, call.budgetModel, endUser)
      .filter((budget) => budget.owner === 'end_user');
    if (budgets.length > 0) (await this.budgets.admit(budgets, 0)).release();
  }

  /** A blocked end user is refused; its settings come from the in-process directory (no read on a hit). */
  private async endUserOf(teamId: string, endUser: string) {
    const settings = await this.endUsers.settingsOf(teamId, endUser);
    if (settings.blocked) throw endUserBlocked();
    return { id: pairId(teamId, endUser), settings };
  }

  private warnSoftBudget(call: MeteredCall, softBudget: number, spend: number): void {
    this.logger.warn(
      { reqId: call.requestId, key: call.principal.key?.displayKey, spend, softBudget },
      'key is past its soft_budget',
    );
  }

  /** A refusal becomes the 429 (with Retry-After); an acceptance passes through. */
  private accepted(taken: Taken): Extract<Taken, { ok: true }> {
    if (taken.ok) return taken;
    throw rateLimited(taken.refusedBy, taken.retryAfterMs, {});
  }

  private admission(
    taken: Extract<Taken, { ok: true }>,
    deployments: readonly ResolvedDeployment[],
    hold: BudgetHold | undefined,
    soft: { softBudget: number } | undefined,
  ): Admission {
    let settled = false;
    const headers: Record<string, string> = taken.readings.length > 0 ? rateLimitHeaders(taken.readings) : {};
    if (hold?.softBudgetSpend !== undefined && soft) {
      headers[SOFT_BUDGET_HEADER] = 'true';
      headers['x-quarry-key-spend'] = String(hold.softBudgetSpend);
      headers['x-quarry-key-soft-budget'] = String(soft.softBudget);
    }
    return {
      headers,
      deployments,
      settle: (usage) => {
        if (settled) return;
        settled = true;
        hold?.release();
        const adjustments = corrections(taken.held, usage);
        if (adjustments.length > 0)
          void Promise.resolve(this.counters.adjust(adjustments)).catch((error: Error) =>
            this.logger.warn({ err: error.message }, 'rate-limit counters not corrected'),
          );
      },
    };
  }
}

/** What the limits step checks for one call, worked out before any await. */
interface LimitsPlan {
  budgets: Budget[];
  soft: SoftBudget | undefined;
  checks: CounterCheck[];
  sizes: RequestSizes;
}

/** The request's estimate, made at most once and only when a tpm limit or a budget needs it. */
class RequestSizes {
  private made: RequestEstimate | undefined;

  constructor(private readonly body: unknown) {}

  estimate(): RequestEstimate {
    return (this.made ??= estimateRequest(this.body));
  }

  readonly tokens = (): number => reservedTokens(this.estimate());
}

function softBudgetOf(principal: MeteredCall['principal']): SoftBudget | undefined {
  const key = principal.key;
  return key && key.softBudget !== null ? { keyId: key.id, softBudget: key.softBudget } : undefined;
}

function deploymentLimited(deployments: readonly ResolvedDeployment[]): boolean {
  for (const deployment of deployments)
    if (deployment.rpm !== undefined || deployment.tpm !== undefined) return true;
  return false;
}

const NOTHING_TAKEN: Extract<Taken, { ok: true }> = { ok: true, readings: [], held: [] };

function unlimited(deployments: readonly ResolvedDeployment[]): Admission {
  return { headers: NO_HEADERS, deployments, settle: () => undefined };
}

/** Slots back; reserved tokens corrected to what the call used (all of them back when it used none). */
function corrections(held: readonly HeldCounter[], usage: TokenUsage | undefined) {
  const used = usage
    ? usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens
    : 0;
  const adjustments: { key: string; delta: number }[] = [];
  for (const counter of held) {
    if (counter.kind === 'parallel') adjustments.push({ key: counter.key, delta: -1 });
    else if (counter.kind === 'tokens' && used !== counter.amount)
      adjustments.push({ key: counter.key, delta: used - counter.amount });
  }
  return adjustments;
}

function mostExpensive(estimate: RequestEstimate, deployments: readonly ResolvedDeployment[]): number {
  let cost = 0;
  for (const deployment of deployments) cost = Math.max(cost, estimatedCost(estimate, deployment.price));
  return cost;
}
