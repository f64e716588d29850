// The 429s of the limits step, in OpenAI's shape. Neither names a key's secret or hash (LESSONS: a
// rate-limit body once carried a key's hash), only the kind of owner and the field that was reached.
import { OpenAIError } from '@quarry/openai';
import type { Budget } from './budget-guard';
import type { CounterCheck } from './counters/limit-counters';
import { describeCheck } from './rate-limit-checks';

const OWNER_NAMES: Record<string, string> = {
  key: 'key',
  team: 'team',
  user: 'user',
  team_member: 'team member',
  end_user: 'end user',
  deployment: 'model deployment',
};

/** The field that set each budget. */
const BUDGET_FIELDS: Record<Budget['owner'], string> = {
  key: 'max_budget',
  team: 'max_budget',
  user: 'max_budget',
  team_member: 'max_budget_in_team',
  end_user: 'max_budget',
  model: 'model_max_budget',
};

export function budgetExceeded(
  budget: Budget,
  spend: number,
  reservedInFlight: number,
  resetAt: Date | null,
): OpenAIError {
  const inFlight = reservedInFlight > 0 ? ` (+ $${money(reservedInFlight)} reserved by calls in flight)` : '';
  const resets = resetAt
    ? `; it resets at ${resetAt.toISOString()}`
    : '; it does not reset (no budget_duration)';
  const owner =
    budget.owner === 'model' ? `model "${budget.model}" on this key` : `this ${OWNER_NAMES[budget.owner]}`;
  const field = BUDGET_FIELDS[budget.owner];
  return new OpenAIError(
    429,
    `Budget exceeded for ${owner}: spend $${money(spend)}${inFlight} of ${field} $${money(budget.maxBudget)}${resets}`,
    'budget_exceeded',
    field,
    'budget_exceeded',
    // A spent budget does not come back by retrying in a few seconds: the OpenAI SDKs must not retry.
    { 'x-should-retry': 'false' },
  );
}

export function rateLimited(
  check: CounterCheck,
  retryAfterMs: number,
  headers: Record<string, string>,
): OpenAIError {
  const { owner, field } = describeCheck(check);
  const retryAfter = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const what =
    check.kind === 'parallel'
      ? `${check.limit} requests at a time`
      : `${check.limit} ${check.kind} per minute`;
  return new OpenAIError(
    429,
    `Rate limit reached for this ${OWNER_NAMES[owner] ?? owner}: ${field} is ${what}; retry in ${retryAfter}s`,
    'rate_limit_error',
    field,
    'rate_limit_exceeded',
    { ...headers, 'retry-after': String(retryAfter) },
  );
}

export function endUserBlocked(): OpenAIError {
  return new OpenAIError(
    403,
    'This end user is blocked (see /customer/unblock).',
    'permission_error',
    'user',
    'end_user_blocked',
  );
}

function money(value: number): string {
  return value.toFixed(10).replace(/0+$/, '').replace(/\.$/, '');
}
