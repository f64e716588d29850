// Whose files and batches a caller sees: a key's team (everyone holding a key of that team), else the
// key's user, else the key itself; proxy admins see every tenant's.
import type { OwnerScope } from '@quarry/db';
import { canReadEverything, type Principal } from './principal';

export function ownerScopeOf(principal: Principal): OwnerScope {
  if (principal.kind === 'master' || canReadEverything(principal)) return { kind: 'all' };
  if (principal.teamId) return { kind: 'team', teamId: principal.teamId };
  if (principal.userId) return { kind: 'user', userId: principal.userId };
  return { kind: 'key', keyId: principal.key?.id ?? '' };
}

/** The owner columns of a new file or batch. */
export function ownerOf(principal: Principal): {
  teamId: string | null;
  userId: string | null;
  keyId: string | null;
} {
  return {
    teamId: principal.teamId ?? null,
    userId: principal.userId ?? null,
    keyId: principal.key?.id ?? null,
  };
}
