// A migrated database of the test's own, for tests whose subject is global to a database (the config
// model sync removes every `config` row that is not in the starting gateway's file, so it cannot share
// the run's database with tests starting gateways in parallel).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { testDatabaseUrl } from '../../support/database';

export interface PrivateDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createPrivateDatabase(): Promise<PrivateDatabase> {
  const name = `quarry_private_${randomBytes(6).toString('hex')}`;
  const maintenanceUrl = new URL(testDatabaseUrl());
  maintenanceUrl.pathname = '/postgres';
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: maintenanceUrl.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const repositoryRoot = path.resolve(__dirname, '..', '..', '..');
  const migration = spawnSync(process.execPath, [path.join(repositoryRoot, 'scripts', 'db-migrate.mjs')], {
    cwd: repositoryRoot,
    env: { ...process.env, DATABASE_URL: url.toString() },
    encoding: 'utf8',
  });
  if (migration.status !== 0)
    throw new Error(`migrating ${name} failed: ${migration.stdout}${migration.stderr}`);
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
