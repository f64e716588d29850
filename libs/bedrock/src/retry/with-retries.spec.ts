import { withRetries } from './with-retries';

const retryable = Object.assign(new Error('throttled'), { retryable: true });
const fatal = Object.assign(new Error('bad request'), { retryable: false });
const isRetryable = (error: unknown) => (error as { retryable?: boolean }).retryable === true;

function recordingSleep() {
  const delays: number[] = [];
  return { delays, sleep: async (milliseconds: number) => void delays.push(milliseconds) };
}

describe('withRetries', () => {
  it('returns the first success without waiting', async () => {
    const { delays, sleep } = recordingSleep();
    const attempts: number[] = [];
    const result = await withRetries(async (attemptNumber) => (attempts.push(attemptNumber), 'ok'), {
      retries: 3,
      isRetryable,
      sleep,
    });
    expect(result).toBe('ok');
    expect(attempts).toEqual([1]);
    expect(delays).toEqual([]);
  });

  it('retries retryable failures with full-jitter exponential backoff capped at maxDelayMs', async () => {
    const { delays, sleep } = recordingSleep();
    const attempts: number[] = [];
    const result = await withRetries(
      async (attemptNumber) => {
        attempts.push(attemptNumber);
        if (attemptNumber < 5) throw retryable;
        return attemptNumber;
      },
      { retries: 4, baseDelayMs: 100, maxDelayMs: 500, isRetryable, sleep, random: () => 0.5 },
    );
    expect(result).toBe(5);
    expect(attempts).toEqual([1, 2, 3, 4, 5]);
    // ceilings 100, 200, 400, 500 (capped) × random 0.5
    expect(delays).toEqual([50, 100, 200, 250]);
  });

  it('draws each delay from [0, ceiling) with the injected random source', async () => {
    const { delays, sleep } = recordingSleep();
    const draws = [0, 0.999];
    let calls = 0;
    await withRetries(
      async () => {
        if (calls++ < 2) throw retryable;
      },
      { retries: 2, baseDelayMs: 1000, isRetryable, sleep, random: () => draws.shift() ?? 0 },
    );
    expect(delays).toEqual([0, 1998]);
  });

  it('gives up after the configured retries with the last error', async () => {
    const { delays, sleep } = recordingSleep();
    let attempts = 0;
    await expect(
      withRetries(
        async () => {
          attempts++;
          throw retryable;
        },
        { retries: 2, isRetryable, sleep, random: () => 0 },
      ),
    ).rejects.toBe(retryable);
    expect(attempts).toBe(3);
    expect(delays).toHaveLength(2);
  });

  it('never retries an error that is not retryable', async () => {
    const { delays, sleep } = recordingSleep();
    let attempts = 0;
    await expect(
      withRetries(
        async () => {
          attempts++;
          throw fatal;
        },
        { retries: 5, isRetryable, sleep },
      ),
    ).rejects.toBe(fatal);
    expect(attempts).toBe(1);
    expect(delays).toEqual([]);
  });

  it('stops waiting as soon as the signal aborts and fails with its reason', async () => {
    const controller = new AbortController();
    const reason = Object.assign(new Error('client went away'), { name: 'AbortError' });
    let attempts = 0;
    const outcome = withRetries(
      async () => {
        attempts++;
        throw retryable;
      },
      {
        retries: 3,
        baseDelayMs: 60_000,
        signal: controller.signal,
        isRetryable,
        random: () => 0.99,
        // Abort once the (real, one-minute) backoff wait has begun.
        onRetry: () => queueMicrotask(() => controller.abort(reason)),
      },
    );
    await expect(outcome).rejects.toBe(reason);
    expect(attempts).toBe(1);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let attempts = 0;
    await expect(
      withRetries(async () => void attempts++, { retries: 1, signal: controller.signal, isRetryable }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(attempts).toBe(0);
  });

  it('tells onRetry about every retry', async () => {
    const seen: Array<[number, number]> = [];
    let calls = 0;
    await withRetries(
      async () => {
        if (calls++ < 2) throw retryable;
      },
      {
        retries: 2,
        baseDelayMs: 10,
        isRetryable,
        random: () => 0,
        sleep: async () => undefined,
        onRetry: (_error, attemptNumber, delayMs) => seen.push([attemptNumber, delayMs]),
      },
    );
    expect(seen).toEqual([
      [1, 0],
      [2, 0],
    ]);
  });
});
