// Whose files and batches a caller sees: the key's team (everyone with a key of that team), a personal
// key's user, or everything (the master key, proxy admins). Outside the scope a file or batch does not exist.
import type { Prisma } from '../generated/client';

export type OwnerScope =
  | { kind: 'all' }
  | { kind: 'team'; teamId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'key'; keyId: string };

export function ownerWhere(scope: OwnerScope): Prisma.BatchFileWhereInput & Prisma.BatchWhereInput {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'team':
      return { teamId: scope.teamId };
    case 'user':
      return { teamId: null, userId: scope.userId };
    case 'key':
      return { teamId: null, userId: null, keyId: scope.keyId };
    default: {
      const unknown: never = scope;
      throw new Error(`unhandled owner scope ${JSON.stringify(unknown)}`);
    }
  }
}
