// The database tooling as CI and developers use it: the real scripts as child processes against the
// machine's Postgres, each test on databases of its own (dropped at the end).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFile, cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Test } from '@nestjs/testing';
import { PrismaModule, PrismaService } from '@quarry/db';
import { Client } from 'pg';

import { testDatabaseUrl } from '../support/database';
import { waitUntil } from '../support/polling';

const repositoryRoot = path.resolve(__dirname, '..', '..');
const migrationsDir = path.join(repositoryRoot, 'prisma', 'migrations');
const schemaPath = path.join(repositoryRoot, 'prisma', 'schema.prisma');
const EXPECTED_TABLES = [
  '_prisma_migrations',
  'batch_files',
  'batches',
  'daily_spend',
  'daily_spend_rollup',
  'end_users',
  'file_contents',
  'key_model_spend',
  'model_deployments',
  'spend_dead_letters',
  'spend_logs',
  'team_memberships',
  'teams',
  'users',
  'virtual_keys',
];

interface ScriptResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts/<name> with node; never rejects, the exit code is part of the result. */
function runScript(
  name: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<ScriptResult> {
  const childEnv = { ...process.env, ...env };
  for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repositoryRoot, 'scripts', name), ...args],
      { cwd: repositoryRoot, env: childEnv },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });
}

const createdDatabases = new Set<string>();

function databaseUrlFor(databaseName: string): string {
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${databaseName}`;
  return url.toString();
}

async function withMaintenanceClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrlFor('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A name for a database this file owns; dropped in afterAll whether or not it was created. */
function temporaryDatabaseName(purpose: string): string {
  const name = `quarry_${purpose}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  createdDatabases.add(name);
  return name;
}

async function createEmptyDatabase(purpose: string): Promise<string> {
  const name = temporaryDatabaseName(purpose);
  await withMaintenanceClient((client) => client.query(`CREATE DATABASE "${name}"`));
  return name;
}

async function query<Row>(databaseName: string, sql: string): Promise<Row[]> {
  const client = new Client({ connectionString: databaseUrlFor(databaseName) });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

async function tablesOf(databaseName: string): Promise<string[]> {
  const rows = await query<{ table_name: string }>(
    databaseName,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((row) => row.table_name);
}

interface MigrationRow {
  id: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

function appliedMigrations(databaseName: string): Promise<MigrationRow[]> {
  return query<MigrationRow>(
    databaseName,
    'SELECT id, migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
  );
}

async function migrationNamesOnDisk(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

afterAll(async () => {
  await withMaintenanceClient(async (client) => {
    for (const name of createdDatabases) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});

describe('npm run db:migrate', () => {
  it('applies every migration to an empty database, then is a no-op when run again', async () => {
    const databaseName = await createEmptyDatabase('migrate');
    const onDisk = await migrationNamesOnDisk(migrationsDir);
    expect(onDisk.length).toBeGreaterThan(0);

    const first = await runScript('db-migrate.mjs', [], { DATABASE_URL: databaseUrlFor(databaseName) });
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    for (const name of onDisk) expect(first.stdout).toContain(`applied ${name}`);
    expect(await tablesOf(databaseName)).toEqual(EXPECTED_TABLES);
    const rowsAfterFirst = await appliedMigrations(databaseName);
    expect(rowsAfterFirst.map((row) => row.migration_name)).toEqual(onDisk);
    for (const row of rowsAfterFirst) {
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
    }

    const second = await runScript('db-migrate.mjs', [], { DATABASE_URL: databaseUrlFor(databaseName) });
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toContain('no pending migrations');
    expect(second.stdout).not.toContain('applied 20');
    expect(await appliedMigrations(databaseName)).toEqual(rowsAfterFirst);
  });

  it('creates the database when the server is up but the database does not exist yet', async () => {
    const databaseName = temporaryDatabaseName('missing');

    const result = await runScript('db-migrate.mjs', [], { DATABASE_URL: databaseUrlFor(databaseName) });

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`created database ${databaseName}`);
    expect(await tablesOf(databaseName)).toEqual(EXPECTED_TABLES);
  });

  it('fails naming DATABASE_URL when it is not set', async () => {
    const result = await runScript('db-migrate.mjs', [], { DATABASE_URL: undefined });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('DATABASE_URL is not set');
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('fails naming DATABASE_URL when the server cannot be reached, without printing the password', async () => {
    const result = await runScript('db-migrate.mjs', [], {
      DATABASE_URL: 'postgresql://postgres:hunter2@127.0.0.1:1/quarry_unreachable',
    });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('cannot reach the database in DATABASE_URL');
    expect(result.stderr).toContain('127.0.0.1:1');
    expect(result.stderr).not.toContain('hunter2');
  });
});

describe('npm run db:diff', () => {
  it('reports no changes for the committed schema and writes nothing', async () => {
    const before = await migrationNamesOnDisk(migrationsDir);

    const result = await runScript('db-diff.mjs', ['unchanged'], { DATABASE_URL: testDatabaseUrl() });

    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('no changes');
    expect(await migrationNamesOnDisk(migrationsDir)).toEqual(before);
  });

  it('writes a migration for a schema change that db:migrate then applies', async () => {
    const workDir = await mkdtemp(path.join(tmpdir(), 'quarry-db-diff-'));
    try {
      const changedSchema = path.join(workDir, 'schema.prisma');
      const changedMigrations = path.join(workDir, 'migrations');
      await cp(schemaPath, changedSchema);
      await cp(migrationsDir, changedMigrations, { recursive: true });
      await appendFile(changedSchema, '\nmodel AuditNote {\n  id   Int    @id\n  note String\n}\n');
      const locations = ['--schema', changedSchema, '--migrations', changedMigrations];

      const diff = await runScript('db-diff.mjs', ['Add audit notes', ...locations], {
        DATABASE_URL: testDatabaseUrl(),
      });

      expect(diff.exitCode).toBe(0);
      const added = (await migrationNamesOnDisk(changedMigrations)).filter((name) =>
        name.endsWith('_add_audit_notes'),
      );
      expect(added).toHaveLength(1);
      expect(added[0]).toMatch(/^\d{14}_add_audit_notes$/);
      const sql = await readFile(path.join(changedMigrations, added[0], 'migration.sql'), 'utf8');
      expect(sql).toContain('CREATE TABLE "AuditNote"');
      expect(await readFile(path.join(changedMigrations, 'migration_lock.toml'), 'utf8')).toContain(
        'provider = "postgresql"',
      );

      const databaseName = temporaryDatabaseName('diff');
      const migrate = await runScript('db-migrate.mjs', locations, {
        DATABASE_URL: databaseUrlFor(databaseName),
      });
      expect(migrate.exitCode).toBe(0);
      expect(migrate.stdout).toContain(`applied ${added[0]}`);
      expect(await tablesOf(databaseName)).toContain('AuditNote');

      const again = await runScript('db-diff.mjs', ['nothing_new', ...locations], {
        DATABASE_URL: testDatabaseUrl(),
      });
      expect(again.stdout).toContain('no changes');
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });

  it('requires a migration name', async () => {
    const result = await runScript('db-diff.mjs', [], { DATABASE_URL: testDatabaseUrl() });

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('usage: npm run db:diff -- <migration_name>');
  });

  it('leaves no temporary shadow database behind', async () => {
    const shadows = await withMaintenanceClient(async (client) => {
      const result = await client.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'quarry_shadow_%'",
      );
      return result.rows.map((row) => row.datname);
    });
    // Other jest runs on this server may be mid-diff; only shadows that outlive a diff would pile up,
    // so check that none of the ones present stays.
    for (const name of shadows) {
      await waitUntil(
        `shadow database ${name} to be dropped`,
        () =>
          withMaintenanceClient(async (client) => {
            const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
            return found.rowCount === 0;
          }),
        { intervalMs: 100 },
      );
    }
  });
});

describe('PrismaService', () => {
  it('creates and reads a team through the generated client', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [PrismaModule.forRoot(testDatabaseUrl())],
    }).compile();
    await moduleRef.init();
    try {
      const prisma = moduleRef.get(PrismaService);
      const alias = `migrations-smoke-${randomUUID()}`;

      const created = await prisma.team.create({ data: { alias, models: ['claude-sonnet'] } });
      const found = await prisma.team.findUnique({ where: { id: created.id } });

      expect(found).toMatchObject({
        alias,
        models: ['claude-sonnet'],
        spend: 0,
        blocked: false,
        metadata: {},
      });
      expect(found?.createdAt).toBeInstanceOf(Date);
    } finally {
      await moduleRef.close();
    }
  });

  it('refuses a connection string that is not postgresql://', () => {
    expect(() => PrismaModule.forRoot('mysql://localhost/quarry')).toThrow('DATABASE_URL');
  });
});
