// The one mapping from whatever ended a call to the OpenAI error the client sees (or the SSE error event
// a started stream ends with): our own refusals pass through; a client that left is a 499; a shutdown
// is a 503; our deadline is a timeout (not the socket error it caused); the rest is Bedrock's or the
// network's, mapped by libs/bedrock.
import { OpenAIError } from '@quarry/openai';
import { toOpenAIError } from '@quarry/bedrock';

/** What Nginx and friends log for a client that closed the connection. */
export const CLIENT_CLOSED_REQUEST = 499;

export interface CallSignals {
  /** Fires when the client disconnected (streams). */
  clientGone?: AbortSignal;
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
