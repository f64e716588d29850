// What the db:* scripts share: where the schema and migrations live, and how a failure is reported.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { SchemaEngineError } from './errors.mjs';

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A failure the user can act on: printed as one message, no stack trace. */
export class UsageError extends Error {}

/**
 * The repository's schema and migrations unless `--schema` / `--migrations` name others (as the
 * Prisma CLI's `--schema` does), plus the positional arguments.
 */
export function parseCommandLine(args, usage) {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { schema: { type: 'string' }, migrations: { type: 'string' } },
    });
    return {
      schemaPath: path.resolve(values.schema ?? path.join(repositoryRoot, 'prisma', 'schema.prisma')),
      migrationsDir: path.resolve(values.migrations ?? path.join(repositoryRoot, 'prisma', 'migrations')),
      positionals,
    };
  } catch (error) {
    throw new UsageError(`${error.message}\n${usage}`);
  }
}

/** DATABASE_URL, or a UsageError that says what it is for and what it should look like. */
export function requireDatabaseUrl(purpose) {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (!databaseUrl) {
    throw new UsageError(
      `DATABASE_URL is not set; it is needed ${purpose}. ` +
        'Example: DATABASE_URL=postgresql://postgres@127.0.0.1:5432/quarry',
    );
  }
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError('DATABASE_URL must be a postgresql:// connection string');
  }
  return databaseUrl;
}

/** Runs a script body; known failures exit 1 with their message, anything else with its stack. */
export async function runScript(name, body) {
  try {
    await body();
  } catch (error) {
    if (error instanceof UsageError || error instanceof SchemaEngineError) {
      console.error(`${name}: ${error.message}`);
    } else {
      console.error(`${name}: unexpected failure`, error);
    }
    process.exitCode = 1;
  }
}
