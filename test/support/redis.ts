// Redis for the suites that need it: REDIS_URL, else redis://127.0.0.1:6379 (.ci/run always starts it).
// Without a Redis that answers, `npm test` still passes: those suites are skipped, and the end of the
// run names them and says why (test/setup/skipped-suites.ts).
import path from 'node:path';

import { recordSkippedSuite } from '../setup/skipped-suites';
import { configuredTestRedisUrl, REDIS_UNAVAILABLE_VARIABLE } from '../setup/test-redis';

const repositoryRoot = path.resolve(__dirname, '..', '..');

/** The run's Redis URL. */
export function testRedisUrl(): string {
  return configuredTestRedisUrl();
}

/** `describe` for a suite that needs Redis: it runs when global setup reached Redis, else it is skipped (and listed). */
export function describeWithRedis(title: string, body: () => void): void {
  const unavailable = process.env[REDIS_UNAVAILABLE_VARIABLE];
  if (unavailable === undefined) {
    describe(title, body);
    return;
  }
  const testPath = expect.getState().testPath;
  const file = testPath ? path.relative(repositoryRoot, testPath) : 'a test file';
  recordSkippedSuite(`${file} › ${title}`, unavailable);
  describe.skip(`${title} (skipped: ${unavailable})`, body);
}
