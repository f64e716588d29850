// How many fallback models a request went through, on its answer (success or error), in Quarry's and
// LiteLLM's names.
export const ATTEMPTED_FALLBACKS_HEADER = 'x-quarry-attempted-fallbacks';
export const LITELLM_ATTEMPTED_FALLBACKS_HEADER = 'x-litellm-attempted-fallbacks';

export function fallbackHeaders(attempted: number): Record<string, string> {
  const value = String(attempted);
  return { [ATTEMPTED_FALLBACKS_HEADER]: value, [LITELLM_ATTEMPTED_FALLBACKS_HEADER]: value };
}
