// User queries, scope first: a user outside the caller's scope does not exist.
import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/client';
import { nullWhenMissing } from '../errors/missing-record';
import { OutOfScopeError } from '../errors/out-of-scope.error';
import { reportingUniqueViolation } from '../errors/unique-violation.error';
import { PrismaService } from '../prisma.service';
import type { KeyRecord, NewKey } from '../records/key.record';
import type { UserRole } from '../records/roles';
import type { NewUser, UserChanges, UserWithTeams } from '../records/user.record';
import { userScopeWhere, type UserScope } from '../scopes/user-scope';
import { columnData, keyData } from './column-data';

export interface UserListFilter {
  role?: UserRole;
  teamId?: string;
  userIds?: string[];
}

const WITH_TEAMS = {
  memberships: { select: { teamId: true, role: true }, orderBy: { createdAt: 'asc' } },
} satisfies Prisma.UserInclude;

@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(scope: UserScope, reference: { id: string } | { email: string }): Promise<UserWithTeams | null> {
    return this.prisma.user.findFirst({
      where: { AND: [userScopeWhere(scope), reference] },
      include: WITH_TEAMS,
    });
  }

  /** The ids among `ids` of users in scope. */
  async findIds(scope: UserScope, ids: readonly string[]): Promise<string[]> {
    const users = await this.prisma.user.findMany({
      where: { AND: [userScopeWhere(scope), { id: { in: [...ids] } }] },
      select: { id: true },
    });
    return users.map((user) => user.id);
  }

  async list(
    scope: UserScope,
    filter: UserListFilter,
    page: number,
    size: number,
  ): Promise<{ users: UserWithTeams[]; total: number }> {
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
        include: WITH_TEAMS,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        skip: (page - 1) * size,
        take: size,
      }),
      this.prisma.user.count({ where }),
    ]);
    return { users, total };
  }

  /**
   * Creates the user, its team memberships (as a member with role user) and optionally its first key, in
   * one transaction. Only a caller whose scope is every user creates one.
   * @throws UniqueViolationError (`user.id`, `user.email`, `key.alias`) when one of them is taken.
   */
  async create(
    scope: UserScope,
    user: NewUser,
    teamIds: readonly string[],
    key: Omit<NewKey, 'userId' | 'teamId'> | undefined,
  ): Promise<{ user: UserWithTeams; key: KeyRecord | undefined }> {
    if (!scope.all) throw new OutOfScopeError('user');
    return reportingUniqueViolation(() =>
      this.prisma.$transaction(async (transaction) => {
        const created = await transaction.user.create({ data: columnData(user) });
        for (const teamId of teamIds)
          await transaction.teamMembership.create({ data: { teamId, userId: created.id, role: 'user' } });
        const createdKey = key
          ? await transaction.virtualKey.create({ data: { ...keyData(key), userId: created.id } })
          : undefined;
        const withTeams = await transaction.user.findUniqueOrThrow({
          where: { id: created.id },
          include: WITH_TEAMS,
        });
        return { user: withTeams, key: createdKey };
      }),
    );
  }

  /**
   * Null when the user is not in scope.
   * @throws UniqueViolationError (`user.email`) when another user has the email.
   */
  update(scope: UserScope, id: string, changes: UserChanges): Promise<UserWithTeams | null> {
    return reportingUniqueViolation(() =>
      nullWhenMissing(() =>
        this.prisma.user.update({
          where: { id, AND: [userScopeWhere(scope)] },
          data: columnData(changes),
          include: WITH_TEAMS,
        }),
      ),
    );
  }

  /** Deletes the users in scope among `ids` and all their keys; returns the revoked key ids. */
  delete(scope: UserScope, ids: readonly string[]): Promise<string[]> {
    return this.prisma.$transaction(async (transaction) => {
      const inScope = { AND: [userScopeWhere(scope), { id: { in: [...ids] } }] };
      const keys = await transaction.virtualKey.findMany({ where: { user: inScope }, select: { id: true } });
      await transaction.virtualKey.deleteMany({ where: { id: { in: keys.map((key) => key.id) } } });
      await transaction.user.deleteMany({ where: inScope });
      return keys.map((key) => key.id);
    });
  }
}
