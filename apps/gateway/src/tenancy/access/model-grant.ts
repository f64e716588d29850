// "No caller grants more than it has", for models lists: when a team admin or a user writes a key's (or a
// team's) `models`, every entry must stay within the lists that already bound the caller.
import { ALL_PROXY_MODELS, ALL_TEAM_MODELS, listAllows } from './model-access-rule';
import type { ModelCatalog } from '../models/model-catalog';

/** Entries of `requested` that would allow something `bound` does not. Empty result = within bounds. */
export function entriesBeyond(
  bound: readonly string[],
  requested: readonly string[],
  catalog: ModelCatalog,
): string[] {
  if (bound.length === 0 || bound.includes('*') || bound.includes(ALL_PROXY_MODELS)) return [];
  return requested.filter((entry) => !entryWithin(bound, entry, catalog));
}

function entryWithin(bound: readonly string[], entry: string, catalog: ModelCatalog): boolean {
  if (bound.includes(entry)) return true;
  // Means "whatever the team allows": the team's list bounds it at call time.
  if (entry === ALL_TEAM_MODELS) return true;
  // `*` and wildcards could match models added later; only the same entry in the bound covers them.
  if (entry === '*' || entry === ALL_PROXY_MODELS || entry.includes('*')) return false;
  if (catalog.hasModel(entry)) return listAllows(bound, entry, catalog, false);
  const groupModels = catalog.modelsInAccessGroup(entry);
  return groupModels.length > 0 && groupModels.every((model) => listAllows(bound, model, catalog, false));
}
