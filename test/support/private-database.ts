// A migrated database of the test's own, on the run's server, for suites whose subject is global to a
// database: the config model sync removes every `config` row that is not in the starting gateway's file,
// and API-created models show in every gateway's lists, so neither can share the run's database with
// suites running in parallel.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import {
  derivedDatabaseName,
  onMaintenanceDatabase,
  quoteIdentifier,
  testDatabaseUrl,
  withDatabaseName,
} from './database';

export interface PrivateDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createPrivateDatabase(): Promise<PrivateDatabase> {
  const name = derivedDatabaseName(`private_${randomBytes(6).toString('hex')}`);
  const url = withDatabaseName(testDatabaseUrl(), name);
  await onMaintenanceDatabase(`CREATE DATABASE ${quoteIdentifier(name)}`);
  const repositoryRoot = path.resolve(__dirname, '..', '..');
  const migration = spawnSync(process.execPath, [path.join(repositoryRoot, 'scripts', 'db-migrate.mjs')], {
    cwd: repositoryRoot,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
  });
  if (migration.status !== 0)
    throw new Error(`migrating ${name} failed: ${migration.stdout}${migration.stderr}`);
  return {
    url,
    drop: () => onMaintenanceDatabase(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`),
  };
}
