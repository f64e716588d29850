// Gives the run a fresh, migrated database on the chosen server (see test-postgres.ts), and holds a
// lock that tells other jest runs on the same server that this database is in use.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { Client } from 'pg';

const repositoryRoot = path.resolve(__dirname, '..', '..');
// How long a run waits for another jest run on the same database to finish.
const WAIT_FOR_OTHER_RUN_SECONDS = 300;

/**
 * Drops and recreates the database `databaseUrl` names, migrates it, and returns the maintenance
 * connection that holds the shared "in use" lock until the caller ends it (global teardown).
 */
export async function recreateTestDatabase(databaseUrl: string): Promise<Client> {
  const databaseName = databaseNameOf(databaseUrl);
  const maintenance = await connectMaintenance(databaseUrl);

  // Several jest runs may share one Postgres (developers, parallel CI jobs). Each run holds a shared
  // advisory lock on its database name until teardown; recreating the database takes the exclusive lock,
  // so a run never drops the database under another run that is still using it.
  const lockKey = `quarry-test-database:${databaseName}`;
  await maintenance.query(`SET lock_timeout = '${WAIT_FOR_OTHER_RUN_SECONDS}s'`);
  try {
    await maintenance.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
  } catch (error) {
    await maintenance.end();
    throw new Error(
      `another jest run has been using database ${databaseName} for over ${WAIT_FOR_OTHER_RUN_SECONDS} s; ` +
        `set TEST_DATABASE_URL to a different database to run in parallel (${describe(error)})`,
    );
  }
  try {
    await maintenance.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(databaseName)} WITH (FORCE)`);
    await maintenance.query(`CREATE DATABASE ${quoteIdentifier(databaseName)}`);
    migrate(databaseUrl);
    await maintenance.query('SELECT pg_advisory_lock_shared(hashtext($1))', [lockKey]);
  } catch (error) {
    await maintenance.end(); // ending the session releases its locks
    throw error;
  }
  await maintenance.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
  return maintenance;
}

/** The real `npm run db:migrate` code path, so every test run also tests the migration command. */
function migrate(databaseUrl: string): void {
  const result = spawnSync(process.execPath, [path.join(repositoryRoot, 'scripts', 'db-migrate.mjs')], {
    cwd: repositoryRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `scripts/db-migrate.mjs failed (exit ${result.status}):\n${result.stdout}${result.stderr}`,
    );
  }
}

async function connectMaintenance(databaseUrl: string): Promise<Client> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 5000 });
  // This connection idles for the whole run; if the server drops it, the lock is gone anyway and an
  // unhandled 'error' event must not crash jest.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    url.password = url.password ? '***' : '';
    throw new Error(
      `tests need Postgres: cannot connect to ${url.toString()} (from TEST_DATABASE_URL, or the local ` +
        `server that answered on TEST_POSTGRES_ADDRESS, default 127.0.0.1:5432): ${describe(error)}`,
    );
  }
  return client;
}

function databaseNameOf(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!name || name === 'postgres') {
    throw new Error(
      `TEST_DATABASE_URL must name a database of its own (it is dropped on every run): ${name}`,
    );
  }
  return name;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  return error instanceof Error ? error.message : String(error);
}
