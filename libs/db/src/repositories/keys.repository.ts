// Virtual key queries. Every method takes the caller's scope first; a key outside it does not exist.
import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/client';
import { OutOfScopeError } from '../errors/out-of-scope.error';
import { nullWhenMissing } from '../errors/missing-record';
import { reportingUniqueViolation } from '../errors/unique-violation.error';
import { PrismaService } from '../prisma.service';
import type { KeyChanges, KeyRecord, KeyWithOwners, NewKey } from '../records/key.record';
import { keyOwnerInScope, keyScopeWhere, type KeyScope } from '../scopes/key-scope';
import { keyData } from './column-data';

/** Absent: any; null: keys without a team (or user). */
export interface KeyListFilter {
  teamId?: string | null;
  userId?: string | null;
  alias?: string;
}

/** A key by its secret's hash or by its id. */
export type KeyReference = { hash: string } | { id: string };

const WITH_OWNERS = {
  team: true,
  user: {
    include: {
      memberships: { select: { teamId: true, role: true, maxBudgetInTeam: true, budgetDuration: true } },
    },
  },
} satisfies Prisma.VirtualKeyInclude;

const OLDEST_FIRST = [
  { createdAt: 'asc' },
  { id: 'asc' },
] satisfies Prisma.VirtualKeyOrderByWithRelationInput[];

@Injectable()
export class KeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The key whose current or grace-period secret has this hash, with its team and user. */
  findByHashWithOwners(scope: KeyScope, hash: string): Promise<KeyWithOwners | null> {
    return this.prisma.virtualKey.findFirst({
      where: { AND: [keyScopeWhere(scope), { OR: [{ hash }, { previousHash: hash }] }] },
      include: WITH_OWNERS,
    });
  }

  find(scope: KeyScope, reference: KeyReference): Promise<KeyRecord | null> {
    return this.prisma.virtualKey.findFirst({ where: { AND: [keyScopeWhere(scope), reference] } });
  }

  findMany(
    scope: KeyScope,
    references: { hashes: readonly string[]; ids: readonly string[]; aliases: readonly string[] },
  ): Promise<KeyRecord[]> {
    return this.prisma.virtualKey.findMany({
      where: {
        AND: [
          keyScopeWhere(scope),
          {
            OR: [
              { hash: { in: [...references.hashes] } },
              { id: { in: [...references.ids] } },
              { alias: { in: [...references.aliases] } },
            ],
          },
        ],
      },
    });
  }

  /** The keys of one team or one user, oldest first. */
  findOwnedBy(scope: KeyScope, owner: { teamId: string } | { userId: string }): Promise<KeyRecord[]> {
    return this.prisma.virtualKey.findMany({
      where: { AND: [keyScopeWhere(scope), owner] },
      orderBy: OLDEST_FIRST,
    });
  }

  async list(
    scope: KeyScope,
    filter: KeyListFilter,
    page: number,
    size: number,
  ): Promise<{ keys: KeyRecord[]; total: number }> {
    const where: Prisma.VirtualKeyWhereInput = {
      AND: [
        keyScopeWhere(scope),
        {
          ...(filter.teamId !== undefined ? { teamId: filter.teamId } : {}),
          ...(filter.userId !== undefined ? { userId: filter.userId } : {}),
          ...(filter.alias !== undefined ? { alias: filter.alias } : {}),
        },
      ],
    };
    const [keys, total] = await Promise.all([
      this.prisma.virtualKey.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        skip: (page - 1) * size,
        take: size,
      }),
      this.prisma.virtualKey.count({ where }),
    ]);
    return { keys, total };
  }

  /** @throws UniqueViolationError (`key.alias`) when another key has the alias. */
  async create(scope: KeyScope, key: NewKey): Promise<KeyRecord> {
    if (!keyOwnerInScope(scope, { teamId: key.teamId ?? null, userId: key.userId ?? null }))
      throw new OutOfScopeError('key');
    return reportingUniqueViolation(() => this.prisma.virtualKey.create({ data: keyData(key) }));
  }

  /**
   * Null when the key is not in scope. A change of owner must stay in scope too.
   * @throws UniqueViolationError (`key.alias`) when another key has the alias.
   */
  update(scope: KeyScope, id: string, changes: KeyChanges): Promise<KeyRecord | null> {
    return reportingUniqueViolation(() =>
      this.prisma.$transaction(async (transaction) => {
        const where = { id, AND: [keyScopeWhere(scope)] };
        const updated = await nullWhenMissing(() =>
          transaction.virtualKey.update({ where, data: keyData(changes) }),
        );
        if (updated && !keyOwnerInScope(scope, updated)) throw new OutOfScopeError('key');
        return updated;
      }),
    );
  }

  /** Deletes the keys in scope among `ids`; returns how many. */
  async delete(scope: KeyScope, ids: readonly string[]): Promise<number> {
    const { count } = await this.prisma.virtualKey.deleteMany({
      where: { AND: [keyScopeWhere(scope), { id: { in: [...ids] } }] },
    });
    return count;
  }
}
