// How many fallback models a request went through, on its answer (success or error), in Quarry's and
// LiteLLM's names.
export const ATTEMPTED_FALLBACKS_HEADER = 'x-quarry-attempted-fallbacks';
export const LITELLM_ATTEMPTED_FALLBACKS_HEADER = 'x-litellm-attempted-fallbacks';

/** The answer of a call its requested model served (the common case: one object, made once). */
const NONE_ATTEMPTED = Object.freeze({
  [ATTEMPTED_FALLBACKS_HEADER]: '0',
  [LITELLM_ATTEMPTED_FALLBACKS_HEADER]: '0',
});

export function fallbackHeaders(attempted: number): Readonly<Record<string, string>> {
  if (attempted === 0) return NONE_ATTEMPTED;
  const value = String(attempted);
  return { [ATTEMPTED_FALLBACKS_HEADER]: value, [LITELLM_ATTEMPTED_FALLBACKS_HEADER]: value };
}
