/**
 * How instances share cooldowns (invocation/cooldowns/redis-cooldown-broadcast.ts with REDIS_URL). Every
 * call is fire-and-forget from the request's point of view: an instance decides from its own map and
 * never waits for Redis on the hot path.
 */
export interface CooldownBroadcast {
  /** Connects, delivers cooldowns other instances start, and those already running (a late joiner). */
  start(onCooldown: (deploymentId: string, remainingMs: number) => void): Promise<void>;
  /** Counts one failure in the shared one-minute window; resolves to the count of all instances. */
  countFailure(deploymentId: string): Promise<number>;
  /** Tells every instance (and those that start later) that the deployment cools down for `durationMs`. */
  announce(deploymentId: string, durationMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** The window in which `allowed_fails` failures are counted (LiteLLM: per minute). */
export const FAILURE_WINDOW_MS = 60_000;
