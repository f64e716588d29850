// Database helpers for tests. Tests run in parallel against one database, so they never clean tables:
// each test creates rows with unique names and asserts only on those.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@quarry/db';

import { configuredTestDatabaseUrl } from '../setup/test-database-url';

/** The migrated database global setup prepared for this jest run (never the developer's DATABASE_URL). */
export function testDatabaseUrl(): string {
  return configuredTestDatabaseUrl();
}

/** A client on the test database; the caller disconnects it (`await prisma.$disconnect()` in afterAll). */
export function newPrismaClient(databaseUrl: string = testDatabaseUrl()): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}
