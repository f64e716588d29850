// Lists the suites skipped for a missing service, releases the "in use" lock on the test database and
// stops an embedded Postgres. A database on an external server is left in place so a failed run can be
// inspected (`psql quarry_test`); the next run drops and recreates it.
import { reportSkippedSuites } from './skipped-suites';

export default async function globalTeardown(): Promise<void> {
  reportSkippedSuites((text) => process.stderr.write(text));
  const run = globalThis.quarryTestRun;
  globalThis.quarryTestRun = undefined;
  await run?.databaseLock.end();
  await run?.postgres.stop();
}
