// Runs once per jest invocation, before any worker starts: picks the run's Postgres (starting an embedded
// one when there is none), gives the run a fresh, migrated database, checks whether Redis answers, and
// exports all of it in the environment (workers are forked afterwards and inherit it).
import type { Client } from 'pg';

import { nameSkipLog } from './skipped-suites';
import { recreateTestDatabase } from './test-database';
import { startTestPostgres, type TestPostgres } from './test-postgres';
import {
  configuredTestRedisUrl,
  probeTestRedis,
  redacted,
  REDIS_UNAVAILABLE_VARIABLE,
  redisUnavailableReason,
} from './test-redis';

/** Set by global setup, released by global teardown (jest runs both in the same process). */
declare global {
  var quarryTestRun: { postgres: TestPostgres; databaseLock: Client } | undefined;
}

export default async function globalSetup(): Promise<void> {
  const postgres = await startTestPostgres();
  if (postgres.embedded) console.log(`\nTests use ${postgres.description}.`);
  let databaseLock: Client;
  try {
    databaseLock = await recreateTestDatabase(postgres.databaseUrl);
  } catch (error) {
    await postgres.stop(); // jest runs no teardown after a failed setup
    throw error;
  }
  globalThis.quarryTestRun = { postgres, databaseLock };
  process.env.TEST_DATABASE_URL = postgres.databaseUrl;
  process.env.DATABASE_URL = postgres.databaseUrl;

  nameSkipLog();
  const redisUrl = configuredTestRedisUrl();
  const redisFailure = await probeTestRedis(redisUrl);
  if (redisFailure !== undefined) {
    process.env[REDIS_UNAVAILABLE_VARIABLE] = redisUnavailableReason(redisUrl, redisFailure);
    console.log(
      `\nRedis at ${redacted(redisUrl)} did not answer (${redisFailure}): the suites that need it are skipped.`,
    );
  }

  // Node 20 is this project's runtime; the SDK's notice about its future Node 22 requirement is noise in test output.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
}
