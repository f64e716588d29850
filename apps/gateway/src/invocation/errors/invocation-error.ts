// The one mapping from whatever ended a call to the OpenAI error the client sees (or the SSE error event
// a started stream ends with): our own refusals pass through; a client that left is a 499; a shutdown
// is a 503; our deadline is a timeout (not the socket error it caused); the rest is Bedrock's or the
// network's, mapped by libs/bedrock.
import { OpenAIError } from '@quarry/openai';
import { toOpenAIError } from '@quarry/bedrock';

/** What Nginx and friends log for a client that closed the connection. */
export const CLIENT_CLOSED_REQUEST = 499;

export interface CallSignals {
  /** Set when the client disconnected: a signal (streams) or a flag (unary calls, reply/client-reply.ts). */
  clientGone?: { readonly aborted: boolean };
  /** The call's deadline (fires on timeout, client gone or shutdown). */
  deadline?: AbortSignal;
  /** The gateway's shutdown grace period ran out. */
  shutdown?: AbortSignal;
}

export function toInvocationError(error: unknown, signals: CallSignals = {}): OpenAIError {
  if (error instanceof OpenAIError) return error;
  if (signals.clientGone?.aborted) return clientClosedRequest();
  if (signals.shutdown?.aborted) return shuttingDown();
  return toOpenAIError(signals.deadline?.aborted ? signals.deadline.reason : error);
}

/** How a call's outcome is booked in spend_logs. */
export function spendStatusOf(error: OpenAIError): 'aborted' | 'error' {
  return error.status === CLIENT_CLOSED_REQUEST ? 'aborted' : 'error';
}

function clientClosedRequest(): OpenAIError {
  return new OpenAIError(
    CLIENT_CLOSED_REQUEST,
    'Client closed the request',
    'invalid_request_error',
    null,
    'client_closed_request',
  );
}

function shuttingDown(): OpenAIError {
  return new OpenAIError(
    503,
    'The gateway is shutting down; retry the request',
    'server_error',
    null,
    'shutting_down',
  );
}

/** Statuses the OpenAI SDKs retry on their own (twice by default). */
function clientWouldRetry(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * The OpenAI SDKs retry 408/409/429/5xx themselves, on top of the gateway's own retries, so one call
 * could reach Bedrock nine times. Once the gateway has made more than one attempt, it tells the client
 * not to retry (`x-should-retry: false`, which the SDKs honour) — unless the error asks the client to
 * wait and come back (Retry-After).
 */
export function adviseOnClientRetry(error: OpenAIError, attempts: number): OpenAIError {
  if (attempts <= 1 || !clientWouldRetry(error.status)) return error;
  const asksToWait = Object.keys(error.headers).some((name) => name.toLowerCase() === 'retry-after');
  if (!asksToWait) error.headers['x-should-retry'] = 'false';
  return error;
}
