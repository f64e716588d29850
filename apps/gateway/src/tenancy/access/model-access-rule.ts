// THE model access decision. Every route that takes a model (chat, embeddings, images, rerank,
// passthrough, files, batches, /v1/models) asks this function and nothing else, so a model hidden from
// /v1/models can never be called elsewhere (LESSONS: LiteLLM #8113).
//
// A key may call a model when the model is allowed by the key's `models` AND by its team's `models`
// (for a key without a team: by its user's `models`). An empty list allows everything; entries are public
// model names, access-group names, wildcards (`bedrock/*`, `anthropic.*`), `*`/`all-proxy-models`, and on
// keys `all-team-models`. Lists are never expanded into other lists: a key whose entries name only empty
// or unknown access groups allows nothing, never everything (LESSONS: LiteLLM #26656).
import type { Principal } from '../auth/principal';
import type { ModelCatalog } from '../models/model-catalog';

export const ALL_TEAM_MODELS = 'all-team-models';
export const ALL_PROXY_MODELS = 'all-proxy-models';

export function canUseModel(principal: Principal, modelName: string, catalog: ModelCatalog): boolean {
  if (principal.kind === 'master') return true;
  const { team, user, key } = principal;
  if (team) {
    if (!listAllows(team.models, modelName, catalog, false)) return false;
  } else if (user && !listAllows(user.models, modelName, catalog, false)) return false;
  return !key || listAllows(key.models, modelName, catalog, team !== undefined);
}

/**
 * Whether one models list allows a model. `allTeamModels` says what the `all-team-models` entry means
 * here: true on a key that has a team (the team's list, checked separately, decides), false otherwise.
 */
export function listAllows(
  list: readonly string[],
  modelName: string,
  catalog: ModelCatalog,
  allTeamModels: boolean,
): boolean {
  if (list.length === 0) return true;
  let groups: readonly string[] | undefined;
  for (const entry of list) {
    if (entry === modelName || entry === '*' || entry === ALL_PROXY_MODELS) return true;
    if (entry === ALL_TEAM_MODELS) {
      if (allTeamModels) return true;
    } else if (entry.includes('*')) {
      if (catalog.wildcardNamesOf(modelName).some((name) => wildcardMatches(entry, name))) return true;
    } else {
      groups ??= catalog.accessGroupsOf(modelName);
      if (groups.includes(entry)) return true;
    }
  }
  return false;
}

const compiledWildcards = new Map<string, RegExp>();
const MAX_COMPILED_WILDCARDS = 1_000;

export function wildcardMatches(pattern: string, name: string): boolean {
  let regex = compiledWildcards.get(pattern);
  if (!regex) {
    const source = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    regex = new RegExp(`^${source}$`);
    if (compiledWildcards.size >= MAX_COMPILED_WILDCARDS) compiledWildcards.clear();
    compiledWildcards.set(pattern, regex);
  }
  return regex.test(name);
}
