// npm run db:diff -- <name> [--schema prisma/schema.prisma] [--migrations prisma/migrations]
// Writes prisma/migrations/<UTC timestamp>_<name>/migration.sql with the SQL that takes the existing
// migrations to prisma/schema.prisma, or prints "no changes". Needs DATABASE_URL only to reach a
// Postgres server: the migrations are replayed in a temporary database there, then it is dropped.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { parseCommandLine, requireDatabaseUrl, runScript, UsageError } from './lib/cli-support.mjs';
import { diffToSchema, LOCKFILE_CONTENT, SchemaEngineError } from './lib/schema-engine.mjs';

const USAGE = 'usage: npm run db:diff -- <migration_name> [--schema <file>] [--migrations <dir>]';

await runScript('db:diff', async () => {
  const { schemaPath, migrationsDir, positionals } = parseCommandLine(process.argv.slice(2), USAGE);
  const name = migrationNameFrom(positionals);
  const databaseUrl = requireDatabaseUrl('to reach a Postgres server where the migrations are replayed');
  const sql = await diffToSchema({ migrationsDir, schemaPath, databaseUrl }).catch((error) => {
    if (!(error instanceof SchemaEngineError)) throw error;
    throw new UsageError(`${error.message}\n(the server and database come from DATABASE_URL)`);
  });
  if (sql === null) {
    console.log(`no changes: the migrations already match ${path.relative(process.cwd(), schemaPath)}`);
    return;
  }
  const directory = path.join(migrationsDir, `${utcTimestamp(new Date())}_${name}`);
  await mkdir(migrationsDir, { recursive: true });
  // Not recursive: a directory of the same name (same second, same name) must not be overwritten.
  await mkdir(directory).catch((error) => {
    if (error.code === 'EEXIST') throw new UsageError(`${directory} already exists; try again in a second`);
    throw error;
  });
  await writeFile(path.join(directory, 'migration.sql'), sql, 'utf8');
  await writeFile(path.join(migrationsDir, 'migration_lock.toml'), LOCKFILE_CONTENT, 'utf8');
  console.log(`wrote ${path.relative(process.cwd(), path.join(directory, 'migration.sql'))}`);
});

/** The one argument, reduced to the characters Prisma keeps in migration names (as `migrate dev` does). */
function migrationNameFrom(args) {
  if (args.length !== 1) throw new UsageError(USAGE);
  const name = args[0]
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!name) throw new UsageError(`migration name "${args[0]}" has no letters or digits`);
  return name;
}

/** YYYYMMDDHHMMSS in UTC: Prisma's migration prefix, which orders migrations by name. */
function utcTimestamp(date) {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}
