// Team queries, scope first: a team outside the caller's scope does not exist.
import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/client';
import { nullWhenMissing } from '../errors/missing-record';
import { OutOfScopeError } from '../errors/out-of-scope.error';
import { reportingUniqueViolation } from '../errors/unique-violation.error';
import { PrismaService } from '../prisma.service';
import type {
  MemberChanges,
  MemberReference,
  NewTeam,
  TeamChanges,
  TeamWithMembers,
} from '../records/team.record';
import type { UserRecord } from '../records/user.record';
import { teamScopeWhere, type TeamScope } from '../scopes/team-scope';
import { columnData } from './column-data';

type Transaction = Prisma.TransactionClient;

const WITH_MEMBERS = {
  members: { include: { user: { select: { id: true, email: true } } }, orderBy: { createdAt: 'asc' } },
} satisfies Prisma.TeamInclude;

@Injectable()
export class TeamsRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(scope: TeamScope, id: string): Promise<TeamWithMembers | null> {
    return this.prisma.team.findFirst({
      where: { AND: [teamScopeWhere(scope), { id }] },
      include: WITH_MEMBERS,
    });
  }

  /** The ids among `ids` of teams in scope. */
  async findIds(scope: TeamScope, ids: readonly string[]): Promise<string[]> {
    const teams = await this.prisma.team.findMany({
      where: { AND: [teamScopeWhere(scope), { id: { in: [...ids] } }] },
      select: { id: true },
    });
    return teams.map((team) => team.id);
  }

  list(scope: TeamScope, memberUserId: string | undefined): Promise<TeamWithMembers[]> {
    return this.prisma.team.findMany({
      where: {
        AND: [teamScopeWhere(scope), memberUserId ? { members: { some: { userId: memberUserId } } } : {}],
      },
      include: WITH_MEMBERS,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  /**
   * Creates the team and its members (creating unknown users) in one transaction. Teams are the tenants:
   * only a caller whose scope is every team creates one.
   * @throws UniqueViolationError (`team.id`, `user.email`) when the id or a new member's email is taken.
   */
  async create(
    scope: TeamScope,
    team: NewTeam,
    members: readonly MemberReference[],
  ): Promise<TeamWithMembers> {
    if (!scope.all) throw new OutOfScopeError('team');
    return reportingUniqueViolation(() =>
      this.prisma.$transaction(async (transaction) => {
        const created = await transaction.team.create({ data: columnData(team) });
        for (const member of members) await upsertMembership(transaction, created.id, member);
        return transaction.team.findUniqueOrThrow({ where: { id: created.id }, include: WITH_MEMBERS });
      }),
    );
  }

  /** Null when the team is not in scope. */
  update(scope: TeamScope, id: string, changes: TeamChanges): Promise<TeamWithMembers | null> {
    return nullWhenMissing(() =>
      this.prisma.team.update({
        where: { id, AND: [teamScopeWhere(scope)] },
        data: columnData(changes),
        include: WITH_MEMBERS,
      }),
    );
  }

  /**
   * Deletes the teams in scope among `ids`, and with them their keys (foreign key cascade): they stop
   * working at once. Returns the revoked keys and the members, whose cached keys list the teams.
   */
  async delete(scope: TeamScope, ids: readonly string[]): Promise<{ keyIds: string[]; memberIds: string[] }> {
    const inScope = { AND: [teamScopeWhere(scope), { id: { in: [...ids] } }] };
    const [keys, members] = await Promise.all([
      this.prisma.virtualKey.findMany({ where: { team: inScope }, select: { id: true } }),
      this.prisma.teamMembership.findMany({ where: { team: inScope }, select: { userId: true } }),
    ]);
    await this.prisma.team.deleteMany({ where: inScope });
    return {
      keyIds: keys.map((key) => key.id),
      memberIds: [...new Set(members.map((member) => member.userId))],
    };
  }

  /**
   * Adds (or re-roles) members, creating unknown users; null when the team is not in scope.
   * @throws UniqueViolationError (`user.email`) when a new member's email is taken.
   */
  addMembers(
    scope: TeamScope,
    teamId: string,
    members: readonly MemberReference[],
  ): Promise<UserRecord[] | null> {
    return reportingUniqueViolation(() =>
      this.prisma.$transaction(async (transaction) => {
        if (!(await teamInScope(transaction, scope, teamId))) return null;
        const users: UserRecord[] = [];
        for (const member of members) users.push(await upsertMembership(transaction, teamId, member));
        return users;
      }),
    );
  }

  /** Changes a member's role or budget; returns the user id (null: team out of scope or not a member). */
  updateMember(
    scope: TeamScope,
    teamId: string,
    reference: { userId?: string; email?: string },
    changes: MemberChanges,
  ): Promise<string | null> {
    return this.prisma.$transaction(async (transaction) => {
      if (!(await teamInScope(transaction, scope, teamId))) return null;
      const user = await transaction.user.findFirst({ where: userWhere(reference), select: { id: true } });
      if (!user) return null;
      const updated = await transaction.teamMembership.updateMany({
        where: { teamId, userId: user.id },
        data: changes,
      });
      return updated.count > 0 ? user.id : null;
    });
  }

  /**
   * Removes the membership and the member's keys in the team; returns the revoked key ids (null: the team
   * is not in scope or the user is not a member).
   */
  removeMember(
    scope: TeamScope,
    teamId: string,
    reference: { userId?: string; email?: string },
  ): Promise<{ userId: string; keyIds: string[] } | null> {
    return this.prisma.$transaction(async (transaction) => {
      if (!(await teamInScope(transaction, scope, teamId))) return null;
      const user = await transaction.user.findFirst({ where: userWhere(reference) });
      if (!user) return null;
      const removed = await transaction.teamMembership.deleteMany({ where: { teamId, userId: user.id } });
      if (removed.count === 0) return null;
      const keys = await transaction.virtualKey.findMany({
        where: { teamId, userId: user.id },
        select: { id: true },
      });
      await transaction.virtualKey.deleteMany({ where: { id: { in: keys.map((key) => key.id) } } });
      return { userId: user.id, keyIds: keys.map((key) => key.id) };
    });
  }
}

async function teamInScope(transaction: Transaction, scope: TeamScope, teamId: string): Promise<boolean> {
  const team = await transaction.team.findFirst({
    where: { AND: [teamScopeWhere(scope), { id: teamId }] },
    select: { id: true },
  });
  return team !== null;
}

async function upsertMembership(
  transaction: Transaction,
  teamId: string,
  member: MemberReference,
): Promise<UserRecord> {
  const existing = await transaction.user.findFirst({ where: userWhere(member) });
  const user =
    existing ??
    (await transaction.user.create({
      data: { id: member.userId, email: member.email, role: 'internal_user' },
    }));
  const budget = member.maxBudgetInTeam !== undefined ? { maxBudgetInTeam: member.maxBudgetInTeam } : {};
  await transaction.teamMembership.upsert({
    where: { teamId_userId: { teamId, userId: user.id } },
    create: { teamId, userId: user.id, role: member.role, ...budget },
    update: { role: member.role, ...budget },
  });
  return user;
}

/**
 * The user a member reference names. Never `{ email: null }` (or undefined): that would match some user
 * without an email, in any tenant.
 */
function userWhere(reference: { userId?: string; email?: string }): Prisma.UserWhereInput {
  if (reference.userId) return { id: reference.userId };
  if (reference.email) return { email: reference.email };
  throw new RangeError('A member reference needs a user id or an email');
}
