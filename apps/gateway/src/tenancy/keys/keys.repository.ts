// Virtual key queries. Every method takes the caller's scope first; a key outside it does not exist.
import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma, type VirtualKey } from '@quarry/db';
import { hashVirtualKey, looksLikeSecretKey } from '../auth/virtual-key';
import type { KeyGrantContext } from './key-grant-policy';
import { keyScopeWhere, type KeyScope } from './key-scope';

export interface KeyListFilter {
  teamId?: string;
  userId?: string;
  alias?: string;
}

@Injectable()
export class KeysRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** By secret (`sk-…`, looked up by its hash) or by key id. */
  findByReference(scope: KeyScope, reference: string): Promise<VirtualKey | null> {
    const where: Prisma.VirtualKeyWhereInput = looksLikeSecretKey(reference)
      ? { hash: hashVirtualKey(reference) }
      : { id: reference };
    return this.prisma.virtualKey.findFirst({ where: { AND: [keyScopeWhere(scope), where] } });
  }

  findManyByReferences(
    scope: KeyScope,
    references: readonly string[],
    aliases: readonly string[],
  ): Promise<VirtualKey[]> {
    const hashes = references.filter(looksLikeSecretKey).map(hashVirtualKey);
    const ids = references.filter((reference) => !looksLikeSecretKey(reference));
    return this.prisma.virtualKey.findMany({
      where: {
        AND: [
          keyScopeWhere(scope),
          { OR: [{ hash: { in: hashes } }, { id: { in: ids } }, { alias: { in: [...aliases] } }] },
        ],
      },
    });
  }

  async list(
    scope: KeyScope,
    filter: KeyListFilter,
    page: number,
    size: number,
  ): Promise<{ keys: VirtualKey[]; total: number }> {
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

  create(data: Prisma.VirtualKeyUncheckedCreateInput): Promise<VirtualKey> {
    return this.prisma.virtualKey.create({ data });
  }

  /** Only called with a key already found within the caller's scope. */
  update(id: string, data: Prisma.VirtualKeyUncheckedUpdateInput): Promise<VirtualKey> {
    return this.prisma.virtualKey.update({ where: { id }, data });
  }

  deleteByIds(ids: readonly string[]): Promise<Prisma.BatchPayload> {
    return this.prisma.virtualKey.deleteMany({ where: { id: { in: [...ids] } } });
  }

  /** The team, user and caller a key write is checked against (policy input only, never returned). */
  async grantContext(
    teamId: string | null,
    userId: string | null,
    callerId: string | undefined,
  ): Promise<KeyGrantContext> {
    const [team, user, caller] = await Promise.all([
      teamId ? this.prisma.team.findUnique({ where: { id: teamId } }) : null,
      userId
        ? this.prisma.user.findUnique({
            where: { id: userId },
            include: { memberships: { select: { teamId: true, role: true } } },
          })
        : null,
      callerId ? this.prisma.user.findUnique({ where: { id: callerId } }) : null,
    ]);
    return {
      team,
      user: user
        ? {
            ...user,
            teamIds: user.memberships.map((membership) => membership.teamId),
            adminOf: user.memberships
              .filter((membership) => membership.role === 'admin')
              .map((membership) => membership.teamId),
          }
        : null,
      caller,
    };
  }
}
