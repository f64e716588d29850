// Retries a call with full-jitter exponential backoff: before attempt n+1 it waits a random time in
// [0, min(maxDelay, baseDelay × 2^(n-1))) — spreading retries of many clients hit by the same
// throttling instead of synchronising them. Used only before the first byte reached the client;
// once a stream has started, its failure is the client's to see.

export interface RetryOptions {
  /** Retries after the first attempt (0 = one attempt only). */
  retries: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Aborting stops waiting at once and fails with the signal's reason. */
  signal?: AbortSignal;
  isRetryable: (error: unknown) => boolean;
  /** Injected in tests; returns [0, 1). */
  random?: () => number;
  /** Injected in tests; must reject when the signal aborts. */
  sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  /** Told before each wait, e.g. to count or log retries. */
  onRetry?: (error: unknown, attemptNumber: number, delayMs: number) => void;
}

const DEFAULT_BASE_DELAY_MS = 100;
const DEFAULT_MAX_DELAY_MS = 5_000;

/** `attempt` receives 1 for the first call, 2 for the first retry, and so on. */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const retries = Math.max(0, Math.floor(options.retries));
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? sleepUnlessAborted;

  for (let attemptNumber = 1; ; attemptNumber++) {
    throwIfAborted(options.signal);
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      // An attempt that failed because the caller gave up reports the caller's reason.
      throwIfAborted(options.signal);
      if (attemptNumber > retries || !options.isRetryable(error)) throw error;
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attemptNumber - 1));
      const delayMs = Math.floor(random() * ceiling);
      options.onRetry?.(error, attemptNumber, delayMs);
      await sleep(delayMs, options.signal);
    }
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}

function sleepUnlessAborted(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, milliseconds);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
