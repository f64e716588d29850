// Rate-limit counters: several counters checked and taken together, all or none, so a call refused by
// one limit takes nothing from the others. Requests and tokens count per fixed one-minute window;
// parallel requests count the slots held now. In Redis (shared by every instance, one Lua script per
// check) or in this process (REDIS_URL unset).

export type CounterKind = 'requests' | 'tokens' | 'parallel';

export const WINDOW_MS = 60_000;
/** A parallel-request counter outlives a crashed instance's slots by at most this long. */
export const PARALLEL_TTL_MS = 3_600_000;

export interface CounterCheck {
  /** Unique name of the counter (its window is added by the store). */
  name: string;
  kind: CounterKind;
  limit: number;
  /** 1 for a request or a parallel slot; the reserved tokens for a token counter. */
  amount: number;
}

export interface CounterReading {
  check: CounterCheck;
  /** What is left after this call's share. */
  remaining: number;
  /** Until the window restarts (0 for parallel slots). */
  resetMs: number;
}

export type Taken =
  | { ok: true; readings: CounterReading[]; held: HeldCounter[] }
  | { ok: false; refusedBy: CounterCheck; retryAfterMs: number };

/** A counter this call has taken from, to give back (slots) or correct (tokens) when it ends. */
export interface HeldCounter {
  /** The store's key (with its window). */
  key: string;
  kind: CounterKind;
  amount: number;
}

export interface Adjustment {
  key: string;
  delta: number;
}

export abstract class LimitCounters {
  /** Refuses when any check is over its limit (tokens: when the window's tokens are already spent). */
  abstract take(checks: readonly CounterCheck[], now: number): Promise<Taken> | Taken;
  /** Adds each delta to a counter that still exists (a window that ended stays ended). */
  abstract adjust(adjustments: readonly Adjustment[]): Promise<void> | void;
}

/** The counter's key for the window `now` falls in. */
export function counterKey(check: CounterCheck, now: number): string {
  return check.kind === 'parallel' ? check.name : `${check.name}:${Math.floor(now / WINDOW_MS)}`;
}

export function windowResetMs(kind: CounterKind, now: number): number {
  return kind === 'parallel' ? 0 : WINDOW_MS - (now % WINDOW_MS);
}

/** The rule both stores apply: tokens refuse once spent, requests and slots refuse past the limit. */
export function isOver(kind: CounterKind, current: number, amount: number, limit: number): boolean {
  return kind === 'tokens' ? current >= limit : current + amount > limit;
}
