// Database helpers for tests: the run's database, clients on it, and databases named after it. Tests run
// in parallel against one database, so they never clean tables: each test creates rows with unique names
// and asserts only on those.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@quarry/db';
import { Client } from 'pg';

import { configuredTestDatabaseUrl } from '../setup/test-database-url';

/** The migrated database global setup prepared for this jest run (never the developer's DATABASE_URL). */
export function testDatabaseUrl(): string {
  return configuredTestDatabaseUrl();
}

/** A client on the test database; the caller disconnects it (`await prisma.$disconnect()` in afterAll). */
export function newPrismaClient(databaseUrl: string = testDatabaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

/**
 * `<run's database>_<suffix>`: databases named after the run's (private ones, the bench smoke test's)
 * never collide with those of another run on the same server, which uses another database.
 */
export function derivedDatabaseName(suffix: string): string {
  const runDatabase = decodeURIComponent(new URL(testDatabaseUrl()).pathname.slice(1));
  // Postgres cuts names at 63 bytes; cut the run's part instead, so the suffix stays distinct.
  return `${runDatabase.slice(0, 62 - suffix.length)}_${suffix}`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The same server and credentials, another database. */
export function withDatabaseName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** Runs one statement on the run's server, outside any test database (CREATE / DROP DATABASE). */
export async function onMaintenanceDatabase(sql: string): Promise<void> {
  const client = new Client({ connectionString: withDatabaseName(testDatabaseUrl(), 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
