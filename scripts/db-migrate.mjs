// npm run db:migrate [-- --schema prisma/schema.prisma --migrations prisma/migrations]
// Applies prisma/migrations/* that DATABASE_URL's `_prisma_migrations` does not list yet (the same
// bookkeeping as `prisma migrate deploy`). Safe to run any number of times; creates the database when
// the server is up but the database does not exist yet.
import { performance } from 'node:perf_hooks';

import { parseCommandLine, requireDatabaseUrl, runScript, UsageError } from './lib/cli-support.mjs';
import { applyMigrations, DatabaseUnreachableError, redactUrl } from './lib/schema-engine.mjs';

const USAGE = 'usage: npm run db:migrate [-- --schema <file> --migrations <dir>]';

await runScript('db:migrate', async () => {
  const { schemaPath, migrationsDir, positionals } = parseCommandLine(process.argv.slice(2), USAGE);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}\n${USAGE}`);
  const databaseUrl = requireDatabaseUrl('to know which database to migrate');
  const startedAt = performance.now();
  const { applied, createdDatabase } = await applyMigrations({
    databaseUrl,
    migrationsDir,
    schemaPath,
  }).catch((error) => {
    if (!(error instanceof DatabaseUnreachableError)) throw error;
    throw new UsageError(
      `cannot reach the database in DATABASE_URL (${redactUrl(databaseUrl)}): ${error.reason}`,
    );
  });
  const elapsed = `${Math.round(performance.now() - startedAt)} ms`;
  if (createdDatabase) console.log(`created database ${createdDatabase}`);
  for (const name of applied) console.log(`applied ${name}`);
  console.log(
    applied.length === 0
      ? `no pending migrations: ${redactUrl(databaseUrl)} is up to date (${elapsed})`
      : `applied ${applied.length} migration(s) to ${redactUrl(databaseUrl)} (${elapsed})`,
  );
});
