// The request body's `num_retries` (a LiteLLM extra on any OpenAI-shaped body): a whole number from 0,
// capped at MAX_NUM_RETRIES so one request cannot make the gateway call Bedrock without end. Surfaces
// never forward it to Bedrock (chat: unsupported-params.ts; messages: anthropic-body.ts).
import { OpenAIError } from '@quarry/openai';
import { MAX_NUM_RETRIES } from '../../platform/config/cooldown-settings';

/** @throws OpenAIError 400 naming num_retries when it is not a whole number from 0. */
export function requestedRetries(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as { num_retries?: unknown }).num_retries;
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || (value as number) < 0)
    throw OpenAIError.badRequest('num_retries must be a whole number from 0', 'num_retries');
  return Math.min(value as number, MAX_NUM_RETRIES);
}
