// The benchmark's own database, recreated on every run (so earlier runs' spend rows do not weigh on this
// one) and migrated with the project's real migration command.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import {
  databaseNameOf,
  quoteIdentifier,
  redactUrl,
  withMaintenanceClient,
} from '../../scripts/lib/postgres-admin.mjs';

export async function recreateDatabase(databaseUrl, repositoryRoot) {
  const name = databaseNameOf(databaseUrl);
  if (name === 'postgres')
    throw new Error(`the bench database must not be "postgres": ${redactUrl(databaseUrl)}`);
  await withMaintenanceClient(databaseUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
  });
  const result = spawnSync(process.execPath, [path.join(repositoryRoot, 'scripts', 'db-migrate.mjs')], {
    cwd: repositoryRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`migrating ${redactUrl(databaseUrl)} failed:\n${result.stdout}${result.stderr}`);
  }
}
