import { Prisma } from '../generated/client';

/**
 * Runs an update of one row found by id within a scope; null when no such row is in scope (P2025), so
 * an out-of-scope row is "not found" for writes as it is for reads.
 */
export async function nullWhenMissing<T>(write: () => Promise<T>): Promise<T | null> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025') return null;
    throw error;
  }
}
