// Tells "the database cannot be reached right now" apart from "the database refused this query": the
// first is worth a 503 with Retry-After and a later retry, the second is a bug or bad data. Covers what
// Prisma 7 with adapter-pg throws (a driver-adapter error kind, or Prisma's P1xxx connection codes) and
// the pg driver's own socket errors.

/** Driver-adapter error kinds that mean no connection, not a refused query. */
const UNREACHABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'DatabaseDoesNotExist',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TransactionAlreadyClosed',
]);
/** Prisma's connection codes: can't reach, timed out, operations timed out, server closed, pool timeout. */
const UNREACHABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const UNREACHABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const shaped = error as {
    name?: unknown;
    code?: unknown;
    kind?: unknown;
    message?: unknown;
    meta?: { driverAdapterError?: { cause?: unknown } };
    cause?: unknown;
  };
  if (shaped.name === 'PrismaClientInitializationError') return true;
  if (typeof shaped.code === 'string') {
    if (UNREACHABLE_PRISMA_CODES.has(shaped.code) || UNREACHABLE_SOCKET_CODES.has(shaped.code)) return true;
    // Postgres classes 08 (connection exception) and 57P0x (shut down, cannot connect now), 53300.
    if (/^(08|57P0)/.test(shaped.code) || shaped.code === '53300') return true;
  }
  if (typeof shaped.kind === 'string' && UNREACHABLE_KINDS.has(shaped.kind)) return true;
  if (typeof shaped.message === 'string' && /^Connection terminated/.test(shaped.message)) return true;
  const adapterCause = shaped.meta?.driverAdapterError?.cause;
  if (adapterCause && isDatabaseUnavailable(adapterCause)) return true;
  return shaped.cause !== undefined && shaped.cause !== error && isDatabaseUnavailable(shaped.cause);
}

/** Postgres codes of a query that lost a race, not of bad data: serialization, deadlock, lock or statement timeout. */
const TRANSIENT_POSTGRES_CODES = new Set(['40001', '40P01', '55P03', '57014']);

/**
 * Whether the same query may well succeed later: the database is unreachable, or the query lost a race
 * with another. A write refused for any other reason is refused for its data.
 */
export function isRetryableDatabaseError(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { code?: unknown } } } } | null)?.meta
    ?.driverAdapterError?.cause;
  const code = cause?.code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_POSTGRES_CODES.has(code);
}
