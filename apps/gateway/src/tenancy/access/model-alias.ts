// A key's `aliases` let a client call a public model by another name ({"h": "claude-haiku"}). Whatever
// is counted per model — access, per-model budgets and their spend — counts the model the alias stands
// for, never the name the client chose, or a new alias would be a fresh budget.
import type { Principal } from '../auth/principal';

/** The public model name a requested name stands for, after the key's `aliases`. */
export function aliasTarget(principal: Principal, requestedModel: string): string {
  const aliases = principal.key?.aliases;
  return aliases && Object.hasOwn(aliases, requestedModel) ? aliases[requestedModel] : requestedModel;
}
