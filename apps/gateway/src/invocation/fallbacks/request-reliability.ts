// The request-body members LiteLLM clients send to steer reliability — `fallbacks` (model names tried
// after the requested model, instead of the configured `fallbacks`), `disable_fallbacks` and `timeout`
// (seconds, capped by the deployment's) — checked (a 400 naming the field) and taken out of the body, so
// no surface forwards them to Bedrock.
import { OpenAIError } from '@quarry/openai';

export interface RequestReliability {
  fallbacks?: readonly string[];
  disableFallbacks: boolean;
  timeoutMs?: number;
}

const NONE: RequestReliability = Object.freeze({ disableFallbacks: false });
const MAX_REQUEST_FALLBACKS = 20;

export function takeRequestReliability(body: unknown): RequestReliability {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return NONE;
  const fields = body as Record<string, unknown>;
  if (
    fields.fallbacks === undefined &&
    fields.timeout === undefined &&
    fields.disable_fallbacks === undefined
  )
    return NONE;
  const taken: RequestReliability = {
    fallbacks: fallbacksOf(fields.fallbacks),
    disableFallbacks: disableOf(fields.disable_fallbacks),
    timeoutMs: timeoutOf(fields.timeout),
  };
  delete fields.fallbacks;
  delete fields.disable_fallbacks;
  delete fields.timeout;
  return taken;
}

function fallbacksOf(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value))
    throw OpenAIError.badRequest('fallbacks must be a list of model names', 'fallbacks');
  if (value.length > MAX_REQUEST_FALLBACKS)
    throw OpenAIError.badRequest(`fallbacks may name at most ${MAX_REQUEST_FALLBACKS} models`, 'fallbacks');
  value.forEach((name, index) => {
    if (typeof name !== 'string' || name.trim() === '')
      throw OpenAIError.badRequest(
        `fallbacks[${index}] must be a model name (a non-empty string); per-fallback request overrides are not supported`,
        `fallbacks[${index}]`,
      );
  });
  return value as string[];
}

function disableOf(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean')
    throw OpenAIError.badRequest('disable_fallbacks must be true or false', 'disable_fallbacks');
  return value;
}

/** Seconds, as a number or a numeric string (LiteLLM takes both). */
function timeoutOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0)
    throw OpenAIError.badRequest('timeout must be a positive number of seconds', 'timeout');
  return Math.max(1, Math.round(seconds * 1000));
}
