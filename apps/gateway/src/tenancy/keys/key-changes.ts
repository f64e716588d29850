// Turns /key/generate, /key/update and /key/regenerate fields into column changes. An absent field
// leaves the column unchanged; null clears it.
import { OpenAIError } from '@quarry/openai';
import type { KeyChanges, KeyRecord } from '@quarry/db';
import { parseDuration } from '../../platform/validation/duration';
import { limitChangesFrom } from '../limit-fields/limit-changes';
import type { DesiredKey } from './key-grant-policy';
import type { KeyFieldsDto } from './dto/key-fields.dto';
import { modelBudgetsFrom } from './model-budgets';

/** Where LiteLLM keeps a key's allowed_passthrough_routes, and so do we. */
export const ALLOWED_PASSTHROUGH_ROUTES = 'allowed_passthrough_routes';

export function keyChangesFrom(
  fields: KeyFieldsDto,
  now: number,
  existingMetadata: Readonly<Record<string, unknown>> = {},
): KeyChanges {
  const changes: KeyChanges = limitChangesFrom(fields, now);
  const routes = fields.allowed_passthrough_routes ?? existingMetadata[ALLOWED_PASSTHROUGH_ROUTES];
  if (fields.allowed_passthrough_routes !== undefined || (changes.metadata && routes !== undefined)) {
    // Rewriting metadata keeps the routes unless they are set themselves (top-level or in metadata).
    const metadata = { ...(changes.metadata ?? existingMetadata) } as Record<string, unknown>;
    if (fields.allowed_passthrough_routes !== undefined || !(ALLOWED_PASSTHROUGH_ROUTES in metadata))
      metadata[ALLOWED_PASSTHROUGH_ROUTES] = routes;
    changes.metadata = metadata;
  }
  if (fields.key_alias !== undefined) changes.alias = fields.key_alias;
  if (fields.duration !== undefined)
    changes.expiresAt = fields.duration === null ? null : new Date(now + parseDuration(fields.duration)!);
  if (fields.team_id !== undefined) changes.teamId = fields.team_id;
  if (fields.user_id !== undefined) changes.userId = fields.user_id;
  if (fields.aliases !== undefined) changes.aliases = aliasMap(fields.aliases);
  if (fields.blocked !== undefined) changes.blocked = fields.blocked;
  if (fields.soft_budget !== undefined) changes.softBudget = fields.soft_budget;
  if (fields.model_max_budget !== undefined)
    changes.modelMaxBudget = modelBudgetsFrom(fields.model_max_budget);
  return changes;
}

/**
 * The key after the write, for the grant policy. Limits that are not being changed are left out (so an
 * unrelated edit of a key an admin created beyond the team's limits still works), unless the key moves
 * to another team or user: then everything it carries must fit the new owner.
 */
export function desiredKeyAfter(
  existing: KeyRecord | null,
  fields: KeyFieldsDto,
  defaults: { userId: string | null },
): DesiredKey {
  const teamId = fields.team_id !== undefined ? fields.team_id : (existing?.teamId ?? null);
  const userId = fields.user_id !== undefined ? fields.user_id : existing ? existing.userId : defaults.userId;
  const moved = !existing || teamId !== existing.teamId || userId !== existing.userId;
  const pick = <T>(given: T | undefined, current: T): T | undefined =>
    given !== undefined ? given : moved ? current : undefined;
  return {
    teamId,
    userId,
    models: pick(fields.models, existing?.models ?? []) ?? [],
    maxBudget: pick(fields.max_budget, existing?.maxBudget ?? null) ?? null,
    budgetDuration: null,
    rpmLimit: pick(fields.rpm_limit, existing?.rpmLimit ?? null) ?? null,
    tpmLimit: pick(fields.tpm_limit, existing?.tpmLimit ?? null) ?? null,
    maxParallelRequests: pick(fields.max_parallel_requests, existing?.maxParallelRequests ?? null) ?? null,
  };
}

function aliasMap(aliases: Record<string, unknown>): Record<string, string> {
  for (const [name, target] of Object.entries(aliases)) {
    if (typeof target !== 'string' || target === '')
      throw OpenAIError.badRequest(
        `aliases.${name} must be a public model name (a non-empty string)`,
        `aliases.${name}`,
      );
  }
  return aliases as Record<string, string>;
}
