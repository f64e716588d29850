// Errors from the AWS SDK (and the network beneath it) → OpenAI-shaped errors for our clients, and
// whether a failed call may be retried before the first byte reached the client.
//
// Decisions:
// - Upstream 5xx (InternalServerException, a model that failed: ModelErrorException 424,
//   ModelStreamErrorException) → 502 upstream_error: from the client's view the gateway's upstream
//   failed. 500 is kept for the gateway's own faults (the exception filter gives those an error id).
// - ServiceUnavailableException stays 503 (clients back off on it).
// - ServiceQuotaExceededException → 429 but not retried: an account quota does not clear within a
//   backoff; trying another deployment (fallbacks) is the gateway's business.
// - Rejected gateway credentials (UnrecognizedClient, InvalidSignature, ExpiredToken…), and credentials
//   the gateway could not obtain (STS refused a role or web identity token) → 502: the client cannot fix
//   the deployment's AWS credentials, and must not be told they were its own.
// - Network failures and our own timeouts get messages of our making: Node's messages name hosts.
// - Every message kept from Bedrock is scrubbed of secrets and capped; `code` is the Bedrock name.
import { OpenAIError, type OpenAIErrorType } from '@quarry/openai';
import { redactAwsCredentials } from './redact-aws-credentials';

interface Classification {
  status: number;
  type: OpenAIErrorType;
  retryable: boolean;
  /** Seconds to advise in Retry-After (429s). */
  retryAfterSeconds?: number;
  /** Replaces the upstream message when that could leak hosts or says nothing useful. */
  message?: string;
}

const byName: Record<string, Classification> = {
  ValidationException: { status: 400, type: 'invalid_request_error', retryable: false },
  AccessDeniedException: { status: 403, type: 'permission_error', retryable: false },
  ResourceNotFoundException: { status: 404, type: 'not_found_error', retryable: false },
  ConflictException: { status: 409, type: 'invalid_request_error', retryable: false },
  ServiceQuotaExceededException: { status: 429, type: 'rate_limit_error', retryable: false },
  ThrottlingException: { status: 429, type: 'rate_limit_error', retryable: true, retryAfterSeconds: 1 },
  TooManyRequestsException: { status: 429, type: 'rate_limit_error', retryable: true, retryAfterSeconds: 1 },
  // A model being loaded (imported / custom models) takes seconds, not milliseconds.
  ModelNotReadyException: { status: 429, type: 'rate_limit_error', retryable: true, retryAfterSeconds: 5 },
  ModelTimeoutException: { status: 408, type: 'timeout_error', retryable: false },
  ModelErrorException: { status: 502, type: 'upstream_error', retryable: false },
  ModelStreamErrorException: { status: 502, type: 'upstream_error', retryable: false },
  DependencyFailedException: { status: 502, type: 'upstream_error', retryable: false },
  BadGatewayException: { status: 502, type: 'upstream_error', retryable: true },
  InternalServerException: { status: 502, type: 'upstream_error', retryable: true },
  RequestTimeout: { status: 502, type: 'upstream_error', retryable: true },
  RequestTimeoutException: { status: 502, type: 'upstream_error', retryable: true },
  ServiceUnavailableException: { status: 503, type: 'upstream_error', retryable: true },
};

const credentialsRejected: Classification = {
  status: 502,
  type: 'upstream_error',
  retryable: false,
  message: 'Amazon Bedrock rejected the credentials configured for this deployment',
};
for (const name of [
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignatureException',
  'InvalidClientTokenId',
  'ExpiredTokenException',
  'MissingAuthenticationTokenException',
]) {
  byName[name] = credentialsRejected;
}
// Fixed session keys (aws_session_token) cannot be refreshed: the operator must replace them.
byName.ExpiredTokenException = {
  ...credentialsRejected,
  message:
    'Amazon Bedrock refused the AWS session credentials configured for this deployment: they have expired',
};
// The gateway could not obtain credentials (STS refused, no profile, an empty default chain): its own
// message (credential-providers.ts) names the method and AWS's error code, never a secret.
byName.AwsCredentialsUnavailable = { status: 502, type: 'upstream_error', retryable: false };

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/**
 * @smithy/node-http-handler renames the socket errors ECONNRESET and EPIPE to `TimeoutError`. They are
 * resets, not timeouts — typically a kept-alive socket the server closed just as a request went out on it
 * (seen under load in bench/; Bedrock never saw the request) — so they are network failures, retried
 * like the others, not our own 408 timeout.
 */
const RESETS_RELABELLED_AS_TIMEOUTS = new Set(['ECONNRESET', 'EPIPE']);

const GENERIC_NAMES = new Set(['Error', 'SyntaxError', 'TypeError', 'RangeError']);

const MAX_MESSAGE_LENGTH = 1000;

interface AwsLikeError {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

export function toOpenAIError(error: unknown): OpenAIError {
  if (error instanceof OpenAIError) return error;
  const details = describe(error);
  const classification = classify(details);
  const headers: Record<string, string> = {};
  if (classification.status === 429 && classification.retryAfterSeconds !== undefined) {
    headers['Retry-After'] = String(details.retryAfterSeconds ?? classification.retryAfterSeconds);
  }
  const message = classification.message ?? cleanMessage(details.message, details.name);
  return new OpenAIError(classification.status, message, classification.type, null, codeOf(details), headers);
}

/** Throttling, upstream 5xx and network failures; never a 4xx, never our own timeout. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof OpenAIError) return false;
  return classify(describe(error)).retryable;
}

interface ErrorDetails {
  name?: string;
  message: string;
  status?: number;
  networkCode?: string;
  retryAfterSeconds?: number;
  /** The message was a Bedrock JSON error body: the error came from upstream even without a name. */
  fromErrorBody?: boolean;
}

function describe(error: unknown): ErrorDetails {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const candidate = error as AwsLikeError;
  let name = typeof candidate.name === 'string' ? candidate.name : undefined;
  let message = typeof candidate.message === 'string' ? candidate.message : '';
  // An exception outside the stream union reaches us as Error{name: camelCase member, message: the
  // raw JSON body} (bedrock-wire.md §2.2): recover Bedrock's name and message.
  const bodyMessage = messageFromJsonBody(message);
  if (bodyMessage !== undefined) message = bodyMessage;
  if (name && /^[a-z][A-Za-z]*Exception$/.test(name)) name = name[0].toUpperCase() + name.slice(1);
  if (name === 'Error' && bodyMessage !== undefined) name = undefined;
  const networkCode = networkCodeOf(candidate);
  if (
    name === 'TimeoutError' &&
    networkCode !== undefined &&
    RESETS_RELABELLED_AS_TIMEOUTS.has(networkCode)
  ) {
    name = undefined;
  }
  return {
    name,
    message,
    status: candidate.$metadata?.httpStatusCode,
    networkCode,
    retryAfterSeconds: retryAfterOf(candidate),
    fromErrorBody: bodyMessage !== undefined,
  };
}

function classify(details: ErrorDetails): Classification {
  if (details.name === 'AbortError' || details.name === 'TimeoutError') {
    return {
      status: 408,
      type: 'timeout_error',
      retryable: false,
      message: 'The request to Amazon Bedrock timed out',
    };
  }
  const known = details.name !== undefined ? byName[details.name] : undefined;
  if (known) return known;
  if (details.networkCode !== undefined && details.status === undefined) {
    return {
      status: 502,
      type: 'upstream_error',
      retryable: true,
      message: `Could not reach Amazon Bedrock (${details.networkCode})`,
    };
  }
  const status = details.status;
  if (status === 429) return { status: 429, type: 'rate_limit_error', retryable: true, retryAfterSeconds: 1 };
  if (status === 503) return { status: 503, type: 'upstream_error', retryable: true };
  if (status !== undefined && status >= 500) return { status: 502, type: 'upstream_error', retryable: true };
  if (status !== undefined && status >= 400) {
    return { status, type: defaultTypeForClientStatus(status), retryable: false };
  }
  if (details.fromErrorBody) {
    // A Bedrock error body without a usable name (e.g. a mis-cased stream exception).
    return { status: 502, type: 'upstream_error', retryable: false };
  }
  return {
    status: 500,
    type: 'server_error',
    retryable: false,
    message: 'The gateway failed while calling Amazon Bedrock',
  };
}

/** The Bedrock error name (or the network error code); JavaScript's generic names tell a client nothing. */
function codeOf(details: ErrorDetails): string | null {
  if (details.name !== undefined && !GENERIC_NAMES.has(details.name)) return details.name;
  return details.networkCode ?? null;
}

function defaultTypeForClientStatus(status: number): OpenAIErrorType {
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 408) return 'timeout_error';
  return 'invalid_request_error';
}

function cleanMessage(message: string, name: string | undefined): string {
  const cleaned = redactAwsCredentials(message).trim();
  if (cleaned === '') return name ? `Amazon Bedrock returned ${name}` : 'Amazon Bedrock returned an error';
  return cleaned.length > MAX_MESSAGE_LENGTH ? `${cleaned.slice(0, MAX_MESSAGE_LENGTH)}…` : cleaned;
}

function messageFromJsonBody(message: string): string | undefined {
  if (!message.startsWith('{')) return undefined;
  try {
    const body = JSON.parse(message) as { message?: unknown; Message?: unknown };
    const inner = body.message ?? body.Message;
    return typeof inner === 'string' ? inner : undefined;
  } catch {
    return undefined;
  }
}

function networkCodeOf(error: AwsLikeError): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 3; depth++) {
    const code = (current as AwsLikeError).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('ERR_HTTP2_'))) return code;
    current = (current as AwsLikeError).cause;
  }
  return undefined;
}

function retryAfterOf(error: AwsLikeError): number | undefined {
  const headers = error.$response?.headers;
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
  const seconds = value !== undefined ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : undefined;
}
