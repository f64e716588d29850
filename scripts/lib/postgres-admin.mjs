// Database-level chores around the schema engine: naming databases in URLs, creating and dropping
// them through the server's `postgres` maintenance database.
import pg from 'pg';

// Postgres error codes: "database does not exist", "database already exists".
const INVALID_CATALOG_NAME = '3D000';
const DUPLICATE_DATABASE = '42P04';

/** The URL without its password, safe to print. */
export function redactUrl(databaseUrl) {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable database URL)';
  }
}

/** The same server and credentials, another database name. */
export function withDatabaseName(databaseUrl, databaseName) {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(databaseName)}`;
  return url.toString();
}

export function databaseNameOf(databaseUrl) {
  return decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, '')) || 'postgres';
}

export function quoteIdentifier(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Runs `work` with a client on the server's `postgres` maintenance database. */
export async function withMaintenanceClient(databaseUrl, work) {
  const client = new pg.Client({ connectionString: withDatabaseName(databaseUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the database `databaseUrl` names when the server is reachable but the database is missing.
 * @returns {Promise<string | null>} the database's name if this call created it
 * @throws {Error & { code?: string }} the connection error when the server itself cannot be used
 */
export async function ensureDatabaseExists(databaseUrl) {
  const probe = new pg.Client({ connectionString: databaseUrl });
  try {
    await probe.connect();
    return null;
  } catch (error) {
    if (error.code !== INVALID_CATALOG_NAME) throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const databaseName = databaseNameOf(databaseUrl);
  try {
    await withMaintenanceClient(databaseUrl, (client) =>
      client.query(`CREATE DATABASE ${quoteIdentifier(databaseName)}`),
    );
  } catch (error) {
    // Another process migrating the same database at the same moment created it first.
    if (error.code === DUPLICATE_DATABASE) return null;
    throw error;
  }
  return databaseName;
}

/** The first useful message of a pg connection error (ECONNREFUSED arrives as an AggregateError). */
export function describeConnectionError(error) {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return describeConnectionError(error.errors[0]);
  }
  return error.message || error.code || String(error);
}
