// The answer while the database cannot be reached: a 503 the client may retry (OpenAI's SDKs retry 503s
// and honour Retry-After), not a 500 that reads like a bug in the gateway.
import { OpenAIError } from '@quarry/openai';

/** Seconds a client should wait: long enough for a failover or a restart, short enough to notice recovery. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function databaseUnavailableError(): OpenAIError {
  return new OpenAIError(
    503,
    'The gateway cannot reach its database right now; retry shortly.',
    'server_error',
    null,
    'service_unavailable',
    { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
  );
}
