/** The cost of a non-streamed response, in USD (LiteLLM sends the same as x-litellm-response-cost). */
export const RESPONSE_COST_HEADER = 'x-quarry-response-cost';
