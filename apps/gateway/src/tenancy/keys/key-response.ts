// Keys as LiteLLM's management API shows them. `token` is the key id (LiteLLM shows the hash there;
// Quarry never shows the hash), `key_name` the display form. The secret itself appears only in the
// responses of /key/generate and /key/regenerate.
import type { KeyRecord } from '@quarry/db';
import { remainingBudget } from '../limit-fields/remaining-budget';
import { isoDateOrNull } from '../response-dates';

export function keyResponse(key: KeyRecord) {
  return {
    token: key.id,
    token_id: key.id,
    key_name: key.displayKey,
    key_alias: key.alias,
    team_id: key.teamId,
    user_id: key.userId,
    models: key.models,
    aliases: key.aliases,
    metadata: key.metadata,
    spend: key.spend,
    max_budget: key.maxBudget,
    remaining_budget: remainingBudget(key.maxBudget, key.spend),
    budget_duration: key.budgetDuration,
    budget_reset_at: isoDateOrNull(key.budgetResetAt),
    rpm_limit: key.rpmLimit,
    tpm_limit: key.tpmLimit,
    max_parallel_requests: key.maxParallelRequests,
    soft_budget: key.softBudget,
    model_max_budget: key.modelMaxBudget,
    expires: isoDateOrNull(key.expiresAt),
    blocked: key.blocked,
    created_by: key.createdBy,
    created_at: isoDateOrNull(key.createdAt),
    updated_at: isoDateOrNull(key.updatedAt),
  };
}

export function keyWithSecretResponse(key: KeyRecord, secret: string) {
  return { key: secret, ...keyResponse(key) };
}
