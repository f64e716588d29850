// The driver adapter factory handed to the wasm schema engine: @prisma/adapter-pg with the fixes the
// engine needs to run cleanly in a short-lived script.
import { randomUUID } from 'node:crypto';

import { PrismaPg } from '@prisma/adapter-pg';

import { quoteIdentifier, withDatabaseName, withMaintenanceClient } from './postgres-admin.mjs';

const POSTGRES_INTERNAL_CHAR_OID = 18;
const POSTGRES_TEXT_OID = 25;
const NOT_NULL_CONSTRAINT = 'n';

/**
 * Postgres' one-byte internal "char" type (pg_class.relkind, pg_constraint.contype, …) comes back from
 * the catalog queries the engine runs to describe a database. adapter-pg 7.10 has no column type for
 * it and fails those queries ("Column type 'char' could not be deserialized"). pg already returns the
 * value as a one-letter string, so reporting the column as text is exact. Covers transactions too.
 *
 * Postgres 18 also lists every NOT NULL column as a pg_constraint row (contype 'n'), which the engine's
 * constraint query lets through and then panics on (prisma/orm#29635; it reads nullability from
 * pg_attribute anyway), so `db:diff` failed on Postgres 18 (the embedded one of `npm run dev` and
 * `npm test`). Those rows are dropped from that query's result.
 */
function readInternalCharAsText(queryable) {
  const performIO = queryable.performIO.bind(queryable);
  queryable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === POSTGRES_INTERNAL_CHAR_OID) field.dataTypeID = POSTGRES_TEXT_OID;
    }
    const constraintType = result.fields?.findIndex((field) => field.name === 'constraint_type') ?? -1;
    if (constraintType >= 0) {
      result.rows = result.rows.filter((row) => row[constraintType] !== NOT_NULL_CONSTRAINT);
    }
    return result;
  };
  if (typeof queryable.startTransaction === 'function') {
    const startTransaction = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (...args) => readInternalCharAsText(await startTransaction(...args));
  }
  return queryable;
}

/**
 * Besides the "char" fix: every pool the engine opens is closed by `disposeAll` (the engine's `free()`
 * does not close them, which kept scripts alive for the pool's idle timeout), and the shadow database
 * is dropped reliably. PrismaPg's own `connectToShadowDb` would not do for us: given a connection
 * string it keeps the string's database name (pg lets the string override `database`), so the
 * "shadow" would be the real database, and it drops the database while its pool still holds connections.
 */
export class MigrationAdapterFactory {
  provider = 'postgres';
  adapterName = '@prisma/adapter-pg';

  #databaseUrl;
  #openAdapters = new Set();

  constructor(databaseUrl) {
    this.#databaseUrl = databaseUrl;
  }

  async connect() {
    return this.#track(readInternalCharAsText(await new PrismaPg(this.#databaseUrl).connect()));
  }

  async connectToShadowDb() {
    const shadowName = `quarry_shadow_${randomUUID().replaceAll('-', '')}`;
    await withMaintenanceClient(this.#databaseUrl, (client) =>
      client.query(`CREATE DATABASE ${quoteIdentifier(shadowName)}`),
    );
    const dropShadow = () =>
      withMaintenanceClient(this.#databaseUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(shadowName)} WITH (FORCE)`),
      );
    try {
      const adapter = await new PrismaPg(withDatabaseName(this.#databaseUrl, shadowName)).connect();
      return this.#track(readInternalCharAsText(adapter), dropShadow);
    } catch (error) {
      await dropShadow();
      throw error;
    }
  }

  /** Makes `dispose` idempotent, runs `afterDispose` once the pool is closed, and remembers the adapter. */
  #track(adapter, afterDispose = async () => undefined) {
    const closePool = adapter.dispose.bind(adapter);
    let disposal;
    adapter.dispose = () => {
      disposal ??= closePool()
        .finally(afterDispose)
        .finally(() => this.#openAdapters.delete(adapter));
      return disposal;
    };
    this.#openAdapters.add(adapter);
    return adapter;
  }

  async disposeAll() {
    await Promise.allSettled([...this.#openAdapters].map((adapter) => adapter.dispose()));
  }
}
