import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Prisma } from '../generated/client';
import { reportingUniqueViolation, UNIQUE_CONSTRAINTS, UniqueViolationError } from './unique-violation.error';

const MIGRATIONS = path.resolve(__dirname, '../../../../prisma/migrations');

/** Every primary key and unique index the migrations create and do not drop later, by name. */
function uniqueConstraintsOfMigrations(): string[] {
  const names = new Set<string>();
  const migrations = readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const migration of migrations) {
    const sql = readFileSync(path.join(MIGRATIONS, migration, 'migration.sql'), 'utf8');
    for (const match of sql.matchAll(
      /CONSTRAINT "(\w+)" PRIMARY KEY|CREATE UNIQUE INDEX "(\w+)"|DROP INDEX "(\w+)"/g,
    )) {
      if (match[3]) names.delete(match[3]);
      else names.add(match[1] ?? match[2]);
    }
  }
  return [...names];
}

/** A P2002 as Prisma 7 reports it through the pg driver adapter (recorded from a real violation). */
function uniqueViolation(constraint: string) {
  return new Prisma.PrismaClientKnownRequestError('Unique constraint failed on the constraint', {
    code: 'P2002',
    clientVersion: 'test',
    meta: {
      modelName: 'User',
      driverAdapterError: {
        name: 'DriverAdapterError',
        cause: {
          originalCode: '23505',
          kind: 'UniqueConstraintViolation',
          constraint: { index: constraint },
        },
      },
    },
  });
}

describe('reportingUniqueViolation', () => {
  it('knows every unique constraint the migrations create (row tables; spend rows and dead letters are appended)', () => {
    const known = new Set(Object.keys(UNIQUE_CONSTRAINTS));
    const unknown = uniqueConstraintsOfMigrations().filter(
      (name) =>
        !known.has(name) &&
        ![
          'spend_logs_pkey',
          'daily_spend_pkey',
          'daily_spend_rollup_pkey',
          'spend_dead_letters_pkey',
          // Upserted by the spend writer, never created by a client.
          'key_model_spend_pkey',
        ].includes(name),
    );
    expect(unknown).toEqual([]);
  });

  it('reports a unique violation with the field of its constraint', async () => {
    const write = reportingUniqueViolation(() => Promise.reject(uniqueViolation('users_user_email_key')));
    await expect(write).rejects.toBeInstanceOf(UniqueViolationError);
    await expect(write).rejects.toMatchObject({ field: 'user.email' });
  });

  it('reports a constraint it does not know without a field', async () => {
    await expect(
      reportingUniqueViolation(() => Promise.reject(uniqueViolation('some_new_index'))),
    ).rejects.toMatchObject({ name: 'UniqueViolationError', field: undefined });
  });

  it('passes other errors through unchanged and results as they are', async () => {
    const missing = new Prisma.PrismaClientKnownRequestError('Record not found', {
      code: 'P2025',
      clientVersion: 'test',
    });
    await expect(reportingUniqueViolation(() => Promise.reject(missing))).rejects.toBe(missing);
    await expect(reportingUniqueViolation(async () => 42)).resolves.toBe(42);
  });
});
