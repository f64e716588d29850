// Leaves the test database in place so a failed run can be inspected (`psql quarry_test`); the next run
// drops and recreates it. Only the lock that told other runs "in use" is released here.
export default async function globalTeardown(): Promise<void> {
  const lock = globalThis.quarryTestDatabaseLock;
  globalThis.quarryTestDatabaseLock = undefined;
  await lock?.end();
}
