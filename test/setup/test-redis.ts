// The run's Redis: REDIS_URL, else redis://127.0.0.1:6379. Global setup asks it for a PING once; suites
// that need Redis run when it answered and are skipped otherwise (test/support/redis.ts), and global
// teardown names the skipped suites and the reason. Kept free of path aliases (global setup loads it).
import { Redis } from 'ioredis';

export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';
/** Set by global setup (workers inherit it) when the run's Redis did not answer: why not. */
export const REDIS_UNAVAILABLE_VARIABLE = 'QUARRY_TEST_REDIS_UNAVAILABLE';
const PROBE_TIMEOUT_MS = 2_000;

export function configuredTestRedisUrl(): string {
  return process.env.REDIS_URL?.trim() || DEFAULT_TEST_REDIS_URL;
}

/** Why the run's Redis is not usable, or undefined when it answers a PING. */
export async function probeTestRedis(redisUrl: string): Promise<string | undefined> {
  let client: Redis;
  try {
    client = new Redis(redisUrl, {
      lazyConnect: true,
      connectTimeout: PROBE_TIMEOUT_MS,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null, // one attempt: a probe, not a client that waits for Redis to come back
    });
  } catch (error) {
    return describeFailure(error); // not a URL ioredis understands
  }
  // With no retries, connect() rejects with "Connection is closed."; the cause comes as an 'error' event.
  let cause: unknown;
  client.on('error', (error: unknown) => (cause ??= error));
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return describeFailure(cause ?? error);
  } finally {
    client.disconnect();
  }
}

/** Why the suites that need Redis are skipped (the URL without its password), as printed and as carried to the workers. */
export function redisUnavailableReason(redisUrl: string, failure: string): string {
  return `needs Redis, and Redis at ${redacted(redisUrl)} did not answer (${failure}); set REDIS_URL or start Redis to run it`;
}

export function redacted(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(an unparseable REDIS_URL)';
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeFailure(error.errors[0]);
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}
