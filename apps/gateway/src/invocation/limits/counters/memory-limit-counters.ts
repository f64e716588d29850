// The counters of one process, for a gateway without REDIS_URL: the same rules as the Redis script.
import {
  counterKey,
  isOver,
  LimitCounters,
  PARALLEL_TTL_MS,
  WINDOW_MS,
  windowResetMs,
  type Adjustment,
  type CounterCheck,
  type Taken,
} from './limit-counters';

interface Counter {
  value: number;
  expiresAt: number;
}

export class MemoryLimitCounters extends LimitCounters {
  private readonly counters = new Map<string, Counter>();
  private lastSweep = 0;

  take(checks: readonly CounterCheck[], now: number): Taken {
    this.sweep(now);
    const keys = checks.map((check) => counterKey(check, now));
    for (let index = 0; index < checks.length; index++) {
      const check = checks[index];
      const current = this.live(keys[index], now)?.value ?? 0;
      if (isOver(check.kind, current, check.amount, check.limit))
        return {
          ok: false,
          refusedBy: check,
          retryAfterMs: check.kind === 'parallel' ? 1_000 : windowResetMs(check.kind, now),
        };
    }
    const readings = checks.map((check, index) => {
      const key = keys[index];
      const counter = this.live(key, now) ?? { value: 0, expiresAt: 0 };
      counter.value += check.amount;
      counter.expiresAt =
        check.kind === 'parallel' ? now + PARALLEL_TTL_MS : now + windowResetMs(check.kind, now);
      this.counters.set(key, counter);
      return {
        check,
        remaining: Math.max(0, check.limit - counter.value),
        resetMs: windowResetMs(check.kind, now),
      };
    });
    const held = checks.map((check, index) => ({ key: keys[index], kind: check.kind, amount: check.amount }));
    return { ok: true, readings, held };
  }

  adjust(adjustments: readonly Adjustment[]): void {
    const now = Date.now();
    for (const { key, delta } of adjustments) {
      const counter = this.live(key, now);
      if (counter) counter.value = Math.max(0, counter.value + delta);
    }
  }

  private live(key: string, now: number): Counter | undefined {
    const counter = this.counters.get(key);
    if (counter && counter.expiresAt <= now) {
      this.counters.delete(key);
      return undefined;
    }
    return counter;
  }

  /** Ended windows are dropped once a window, so the map stays as small as the counters in use. */
  private sweep(now: number): void {
    if (now - this.lastSweep < WINDOW_MS) return;
    this.lastSweep = now;
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
  }
}
