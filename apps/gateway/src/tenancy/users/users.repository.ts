// User queries, scope first: a user outside the caller's scope does not exist.
import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma, type VirtualKey } from '@quarry/db';
import { keyScopeWhere, type KeyScope } from '../keys/key-scope';
import { USER_TEAMS_INCLUDE, type UserWithTeams } from './user-response';
import { userScopeWhere, type UserScope } from './user-scope';

export interface UserListFilter {
  role?: Prisma.UserWhereInput['role'];
  teamId?: string;
  userIds?: string[];
}

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(scope: UserScope, reference: { id?: string; email?: string }): Promise<UserWithTeams | null> {
    const where: Prisma.UserWhereInput =
      reference.id !== undefined ? { id: reference.id } : { email: reference.email };
    return this.prisma.user.findFirst({
      where: { AND: [userScopeWhere(scope), where] },
      include: USER_TEAMS_INCLUDE,
    });
  }

  findMany(scope: UserScope, ids: readonly string[]): Promise<{ id: string }[]> {
    return this.prisma.user.findMany({
      where: { AND: [userScopeWhere(scope), { id: { in: [...ids] } }] },
      select: { id: true },
    });
  }

  async list(scope: UserScope, filter: UserListFilter, page: number, size: number) {
    const where: Prisma.UserWhereInput = {
      AND: [
        userScopeWhere(scope),
        {
          ...(filter.role ? { role: filter.role } : {}),
          ...(filter.teamId ? { memberships: { some: { teamId: filter.teamId } } } : {}),
          ...(filter.userIds ? { id: { in: filter.userIds } } : {}),
        },
      ],
    };
    const [users, total] = await Promise.all([
      this.prisma.user.findMany({
        where,
        include: USER_TEAMS_INCLUDE,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        skip: (page - 1) * size,
        take: size,
      }),
      this.prisma.user.count({ where }),
    ]);
    return { users, total };
  }

  /** Creates the user, its team memberships and (optionally) its first key, in one transaction. */
  create(
    data: Prisma.UserUncheckedCreateInput,
    teamIds: readonly string[],
    key: Omit<Prisma.VirtualKeyUncheckedCreateInput, 'userId'> | undefined,
  ): Promise<{ user: UserWithTeams; key: VirtualKey | undefined }> {
    return this.prisma.$transaction(async (transaction) => {
      const user = await transaction.user.create({ data });
      for (const teamId of teamIds)
        await transaction.teamMembership.create({ data: { teamId, userId: user.id, role: 'user' } });
      const createdKey = key
        ? await transaction.virtualKey.create({ data: { ...key, userId: user.id } })
        : undefined;
      const withTeams = await transaction.user.findUniqueOrThrow({
        where: { id: user.id },
        include: USER_TEAMS_INCLUDE,
      });
      return { user: withTeams, key: createdKey };
    });
  }

  existingTeamIds(ids: readonly string[]): Promise<{ id: string }[]> {
    return this.prisma.team.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
  }

  update(id: string, data: Prisma.UserUncheckedUpdateInput): Promise<UserWithTeams> {
    return this.prisma.user.update({ where: { id }, data, include: USER_TEAMS_INCLUDE });
  }

  /** Deletes the users and all their keys; returns the revoked key ids. */
  delete(ids: readonly string[]): Promise<string[]> {
    return this.prisma.$transaction(async (transaction) => {
      const keys = await transaction.virtualKey.findMany({
        where: { userId: { in: [...ids] } },
        select: { id: true },
      });
      await transaction.virtualKey.deleteMany({ where: { id: { in: keys.map((key) => key.id) } } });
      await transaction.user.deleteMany({ where: { id: { in: [...ids] } } });
      return keys.map((key) => key.id);
    });
  }

  keysOf(keyScope: KeyScope, userId: string): Promise<VirtualKey[]> {
    return this.prisma.virtualKey.findMany({
      where: { AND: [keyScopeWhere(keyScope), { userId }] },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }
}
