// End users, tenant scope first: every method takes the teams the caller may act in, and an end user of
// another team is simply not there (null / not counted).
import { Injectable } from '@nestjs/common';
import { Prisma } from '../generated/client';
import type { EndUserChanges, EndUserRecord, EndUserScope } from '../records/end-user.record';
import { PrismaService } from '../prisma.service';
import { reportingUniqueViolation } from '../errors/unique-violation.error';

const LIST_LIMIT = 1000;

function inScope(scope: EndUserScope, teamId: string): boolean {
  return scope === 'all' || scope.includes(teamId);
}

function data(changes: EndUserChanges) {
  return {
    ...changes,
    metadata: changes.metadata as Prisma.InputJsonValue | undefined,
  };
}

@Injectable()
export class EndUsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** @throws UniqueViolationError (`end_user.id`) when the team already has this end user. */
  create(
    scope: EndUserScope,
    teamId: string,
    userId: string,
    changes: EndUserChanges,
  ): Promise<EndUserRecord | null> {
    if (!inScope(scope, teamId)) return Promise.resolve(null);
    return reportingUniqueViolation(() =>
      this.prisma.endUser.create({ data: { teamId, userId, ...data(changes) } }),
    );
  }

  find(scope: EndUserScope, teamId: string, userId: string): Promise<EndUserRecord | null> {
    if (!inScope(scope, teamId)) return Promise.resolve(null);
    return this.prisma.endUser.findUnique({ where: { teamId_userId: { teamId, userId } } });
  }

  async update(
    scope: EndUserScope,
    teamId: string,
    userId: string,
    changes: EndUserChanges,
  ): Promise<EndUserRecord | null> {
    if (!inScope(scope, teamId)) return null;
    const updated = await this.prisma.endUser.updateManyAndReturn({
      where: { teamId, userId },
      data: data(changes),
    });
    return updated[0] ?? null;
  }

  /** Sets `blocked` on those that exist in scope; returns the ids changed. */
  async setBlocked(scope: EndUserScope, teamId: string, userIds: readonly string[], blocked: boolean) {
    if (!inScope(scope, teamId)) return [];
    const changed = await this.prisma.endUser.updateManyAndReturn({
      where: { teamId, userId: { in: [...userIds] } },
      data: { blocked },
      select: { userId: true },
    });
    return changed.map((row) => row.userId);
  }

  /** Deletes those that exist in scope; returns the ids deleted. */
  async delete(scope: EndUserScope, teamId: string, userIds: readonly string[]): Promise<string[]> {
    if (!inScope(scope, teamId)) return [];
    return this.prisma.$transaction(async (transaction) => {
      const found = await transaction.endUser.findMany({
        where: { teamId, userId: { in: [...userIds] } },
        select: { userId: true },
      });
      await transaction.endUser.deleteMany({
        where: { teamId, userId: { in: found.map((row) => row.userId) } },
      });
      return found.map((row) => row.userId);
    });
  }

  list(scope: EndUserScope, teamId: string | undefined): Promise<EndUserRecord[]> {
    const teams = teamId !== undefined ? (inScope(scope, teamId) ? [teamId] : []) : scope;
    return this.prisma.endUser.findMany({
      where: teams === 'all' ? {} : { teamId: { in: [...teams] } },
      orderBy: [{ teamId: 'asc' }, { userId: 'asc' }],
      take: LIST_LIMIT,
    });
  }

  /** For the limits step, as the system: the end user's budget and block, or null when unknown. */
  settings(teamId: string, userId: string) {
    return this.prisma.endUser.findUnique({
      where: { teamId_userId: { teamId, userId } },
      select: { maxBudget: true, budgetDuration: true, blocked: true },
    });
  }
}
