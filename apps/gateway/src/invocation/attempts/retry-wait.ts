// How long to wait before a retry. Moving to another deployment waits nothing: its account or region has
// its own quota, which is the point of having several (LiteLLM retries at once while other healthy
// deployments remain). Retrying the same deployment waits what Bedrock asked for (Retry-After, honoured up
// to a minute as LiteLLM does), else a full-jitter exponential backoff, never less than the configured
// router_settings.retry_after.

export interface RetryWaitOptions {
  /** router_settings.retry_after in milliseconds: the least wait before retrying the same deployment. */
  minWaitMs?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected in tests; returns [0, 1). */
  random?: () => number;
}

const DEFAULT_BASE_DELAY_MS = 100;
const DEFAULT_MAX_DELAY_MS = 5_000;
/** A Retry-After above this is not waited for in-request (LiteLLM's bound); the backoff applies instead. */
export const MAX_HONOURED_RETRY_AFTER_MS = 60_000;

/** `retryNumber` is 1 for the first retry. */
export function retryWaitMs(
  error: unknown,
  retryNumber: number,
  sameDeployment: boolean,
  options: RetryWaitOptions = {},
): number {
  if (!sameDeployment) return 0;
  const asked = retryAfterMsOf(error);
  const wait =
    asked !== undefined && asked <= MAX_HONOURED_RETRY_AFTER_MS
      ? asked
      : jitteredBackoffMs(retryNumber, options);
  return Math.max(wait, options.minWaitMs ?? 0);
}

function jitteredBackoffMs(retryNumber: number, options: RetryWaitOptions): number {
  const base = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const ceiling = Math.min(options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS, base * 2 ** (retryNumber - 1));
  return Math.floor((options.random ?? Math.random)() * ceiling);
}

/** Bedrock's Retry-After (seconds, or an HTTP date) on the SDK error's raw response, in milliseconds. */
export function retryAfterMsOf(error: unknown): number | undefined {
  const headers = (error as { $response?: { headers?: Record<string, string | undefined> } } | null)
    ?.$response?.headers;
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() !== '' && Number.isFinite(seconds))
    return seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}
