// LiteLLM's model_max_budget on a key: { "<model>": { "budget_limit": 10, "time_period": "1d" } }, the
// limit as a number or a numeric string (LiteLLM's docs write both), the period optional (no period:
// the budget never resets). Anything else is a 400 naming the entry.
import { OpenAIError } from '@quarry/openai';
import type { ModelBudget } from '@quarry/db';
import { DURATION_HINT, parseDuration } from '../../platform/validation/duration';

const MAX_MODELS = 100;

export function modelBudgetsFrom(value: Record<string, unknown>): Record<string, ModelBudget> {
  const entries = Object.entries(value);
  if (entries.length > MAX_MODELS)
    throw OpenAIError.badRequest(
      `model_max_budget may name at most ${MAX_MODELS} models`,
      'model_max_budget',
    );
  const budgets: Record<string, ModelBudget> = {};
  for (const [model, entry] of entries) {
    const param = `model_max_budget.${model}`;
    const {
      budget_limit: rawLimit,
      time_period: period,
      ...unknown
    } = (entry ?? {}) as Record<string, unknown>;
    if (typeof entry !== 'object' || entry === null || Object.keys(unknown).length > 0)
      throw OpenAIError.badRequest(
        `${param} must be {"budget_limit": <number>, "time_period": "<duration>"}`,
        param,
      );
    const limit = typeof rawLimit === 'string' && rawLimit.trim() !== '' ? Number(rawLimit) : rawLimit;
    if (typeof limit !== 'number' || !Number.isFinite(limit) || limit < 0)
      throw OpenAIError.badRequest(
        `${param}.budget_limit must be a number, 0 or more`,
        `${param}.budget_limit`,
      );
    if (
      period !== undefined &&
      period !== null &&
      (typeof period !== 'string' || parseDuration(period) === undefined)
    )
      throw OpenAIError.badRequest(`${param}.time_period must be ${DURATION_HINT}`, `${param}.time_period`);
    budgets[model] =
      typeof period === 'string' ? { budget_limit: limit, time_period: period } : { budget_limit: limit };
  }
  return budgets;
}
