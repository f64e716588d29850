// The one way tests wait for something that happens asynchronously (a NOTIFY delivered, a batch job
// finished, a spend row written): read until done, within a deadline, and otherwise fail saying what
// never happened and what was seen last. The deadline runs on performance.now(), so a test that
// freezes Date (support/clock.ts) still gets one.
import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions {
  /** How long to keep trying; generous, since it only matters when the awaited thing never happens. */
  timeoutMs?: number;
  /** Pause between reads. */
  intervalMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_INTERVAL_MS = 20;

/**
 * Calls `read` until `isDone` accepts its value and returns every value read, in order.
 * @param what the awaited condition, for the failure message ("the job to finish").
 * @throws Error naming `what` and the last value when the deadline passes first.
 */
export async function pollUntil<T>(
  what: string,
  read: () => T | Promise<T>,
  isDone: (value: T) => boolean,
  { timeoutMs = DEFAULT_TIMEOUT_MS, intervalMs = DEFAULT_INTERVAL_MS }: PollOptions = {},
): Promise<T[]> {
  const deadline = performance.now() + timeoutMs;
  const seen: T[] = [];
  for (;;) {
    const value = await read();
    seen.push(value);
    if (isDone(value)) return seen;
    if (performance.now() >= deadline) {
      throw new Error(`waited ${timeoutMs} ms for ${what}; last value read: ${describe(value)}`);
    }
    await sleep(intervalMs);
  }
}

/** Waits until `check` returns true (see pollUntil). */
export async function waitUntil(
  what: string,
  check: () => boolean | Promise<boolean>,
  options?: PollOptions,
): Promise<void> {
  await pollUntil(what, check, (done) => done, options);
}

/**
 * Settles with `promise`, or fails naming `what` if it has not settled within `timeoutMs`: for waits
 * whose only other bound would be jest's test timeout, which says nothing about what was awaited.
 */
export async function settledWithin<T>(what: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  const timer = new AbortController();
  const expired = sleep(timeoutMs, undefined, { signal: timer.signal }).then(() => {
    throw new Error(`waited ${timeoutMs} ms for ${what}`);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    timer.abort();
    expired.catch(() => undefined);
  }
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
