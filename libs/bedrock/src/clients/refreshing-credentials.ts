// Keeps one set of temporary credentials fresh for every client and request that shares it:
// - one fetch at a time (single flight): however many requests arrive while STS is asked, one call goes out;
// - refreshed ahead of expiry, in the background, while the current ones are still good (requests do not
//   wait): from REFRESH_AHEAD_MS before expiry, or half the lifetime for short sessions;
// - requests wait only when there are none yet or they are about to expire (EXPIRED_MARGIN_MS: a request
//   signed now must still be valid when AWS checks it);
// - a failed background refresh is not retried on every request: RETRY_AFTER_FAILURE_MS later at the soonest.
// The AWS SDK's providers for STS (fromTemporaryCredentials, fromWebToken, fromIni with a role) do not
// cache at all, and an SDK client caches per client: without this, every client and every expiry would
// call STS on its own.
import type { AwsCredentialIdentity } from '@smithy/types';

const REFRESH_AHEAD_MS = 5 * 60_000;
const EXPIRED_MARGIN_MS = 15_000;
const RETRY_AFTER_FAILURE_MS = 10_000;

export type CredentialFetch = () => Promise<AwsCredentialIdentity>;

export function refreshingCredentials(fetch: CredentialFetch): () => Promise<AwsCredentialIdentity> {
  let current: AwsCredentialIdentity | undefined;
  let fetchedAt = 0;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  let failedAt = -Infinity;

  const load = (): Promise<AwsCredentialIdentity> => {
    pending ??= (async () => {
      const startedAt = Date.now();
      try {
        const fresh = await fetch();
        current = fresh;
        fetchedAt = startedAt;
        return fresh;
      } catch (error) {
        failedAt = Date.now();
        throw error;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };

  return async () => {
    if (!current) return load();
    const expiresAt = current.expiration?.getTime();
    if (expiresAt === undefined) return current;
    const now = Date.now();
    const left = expiresAt - now;
    if (left <= EXPIRED_MARGIN_MS) return load();
    const refreshAhead = Math.min(REFRESH_AHEAD_MS, (expiresAt - fetchedAt) / 2);
    if (left <= refreshAhead && now - failedAt >= RETRY_AFTER_FAILURE_MS) {
      // The current credentials serve meanwhile; a failure surfaces when they are about to expire.
      load().catch(() => undefined);
    }
    return current;
  };
}
