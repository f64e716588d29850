// A test clock for time-dependent rules (key expiry, regeneration grace periods). The gateway runs in the
// test's process and reads the time through Date, so faking Date alone moves its clock: no sleeping until
// a deadline passes, and no key that must still be valid "on first use" after a slow start.
// Only Date is faked: timers, performance.now() and I/O keep real time, so requests, the database and
// polling deadlines behave as usual.

/** The frozen clock a test moves by hand. */
export interface TestClock {
  /** Moves the clock forward. */
  advance(milliseconds: number): void;
}

/** Runs `body` with Date frozen at the current time, and restores the real clock afterwards. */
export async function withFrozenClock<T>(body: (clock: TestClock) => Promise<T>): Promise<T> {
  jest.useFakeTimers({
    now: Date.now(),
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  try {
    return await body({ advance: (milliseconds) => jest.setSystemTime(Date.now() + milliseconds) });
  } finally {
    jest.useRealTimers();
  }
}
