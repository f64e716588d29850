// A write broke a unique constraint: an id, an email or an alias that already exists. Repositories
// report it as this error, naming the field, so services answer 409 without knowing the database
// client's error codes or the constraint names.
import { Prisma } from '../generated/client';

export type UniqueField =
  | 'team.id'
  | 'user.id'
  | 'user.email'
  | 'teamMembership.member'
  | 'key.id'
  | 'key.hash'
  | 'key.previousHash'
  | 'key.alias'
  | 'modelDeployment.id'
  | 'endUser.id'
  | 'batchFile.id'
  | 'batch.id';

/** The schema's unique constraints by the names Postgres gives them (prisma/migrations). */
export const UNIQUE_CONSTRAINTS: Readonly<Record<string, UniqueField>> = {
  teams_pkey: 'team.id',
  users_pkey: 'user.id',
  users_user_email_key: 'user.email',
  team_memberships_pkey: 'teamMembership.member',
  virtual_keys_pkey: 'key.id',
  virtual_keys_key_hash_key: 'key.hash',
  virtual_keys_previous_key_hash_key: 'key.previousHash',
  virtual_keys_team_id_key_alias_key: 'key.alias',
  virtual_keys_personal_key_alias_key: 'key.alias',
  virtual_keys_ownerless_key_alias_key: 'key.alias',
  model_deployments_pkey: 'modelDeployment.id',
  end_users_pkey: 'endUser.id',
  batch_files_pkey: 'batchFile.id',
  // Created with its batch_files row, under the same id.
  file_contents_pkey: 'batchFile.id',
  batches_pkey: 'batch.id',
};

export class UniqueViolationError extends Error {
  override readonly name = 'UniqueViolationError';

  /** `field` is undefined for a constraint this table does not know (a schema change not mirrored here). */
  constructor(readonly field: UniqueField | undefined) {
    super(`A row with this ${field ?? 'unique value'} already exists`);
  }
}

/** Runs a write; a unique violation comes out as UniqueViolationError, any other error unchanged. */
export async function reportingUniqueViolation<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new UniqueViolationError(uniqueFieldOf(error));
    throw error;
  }
}

/** With the pg driver adapter, Prisma reports the constraint's name, not its fields. */
function uniqueFieldOf(error: Prisma.PrismaClientKnownRequestError): UniqueField | undefined {
  const constraint = (error.meta?.driverAdapterError as { cause?: { constraint?: { index?: unknown } } })
    ?.cause?.constraint?.index;
  return typeof constraint === 'string' ? UNIQUE_CONSTRAINTS[constraint] : undefined;
}
