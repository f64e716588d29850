// Team queries, scope first: a team outside the caller's scope does not exist.
import { Injectable } from '@nestjs/common';
import { OpenAIError } from '@quarry/openai';
import { PrismaService, type Prisma, type TeamRole, type User } from '@quarry/db';
import { keyScopeWhere, type KeyScope } from '../keys/key-scope';
import { TEAM_MEMBERS_INCLUDE, type TeamWithMembers } from './team-response';
import { teamScopeWhere, type TeamScope } from './team-scope';

export interface MemberReference {
  userId?: string;
  email?: string;
  role: TeamRole;
}

type Transaction = Prisma.TransactionClient;

@Injectable()
export class TeamsRepository {
  constructor(private readonly prisma: PrismaService) {}

  find(scope: TeamScope, id: string): Promise<TeamWithMembers | null> {
    return this.prisma.team.findFirst({
      where: { AND: [teamScopeWhere(scope), { id }] },
      include: TEAM_MEMBERS_INCLUDE,
    });
  }

  findMany(scope: TeamScope, ids: readonly string[]): Promise<{ id: string }[]> {
    return this.prisma.team.findMany({
      where: { AND: [teamScopeWhere(scope), { id: { in: [...ids] } }] },
      select: { id: true },
    });
  }

  list(scope: TeamScope, memberUserId: string | undefined): Promise<TeamWithMembers[]> {
    return this.prisma.team.findMany({
      where: {
        AND: [teamScopeWhere(scope), memberUserId ? { members: { some: { userId: memberUserId } } } : {}],
      },
      include: TEAM_MEMBERS_INCLUDE,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** Creates the team and its members (creating unknown users) in one transaction. */
  create(
    data: Prisma.TeamUncheckedCreateInput,
    members: readonly MemberReference[],
  ): Promise<TeamWithMembers> {
    return this.prisma.$transaction(async (transaction) => {
      const team = await transaction.team.create({ data });
      for (const member of members) await this.upsertMembership(transaction, team.id, member);
      return transaction.team.findUniqueOrThrow({ where: { id: team.id }, include: TEAM_MEMBERS_INCLUDE });
    });
  }

  update(id: string, data: Prisma.TeamUncheckedUpdateInput): Promise<TeamWithMembers> {
    return this.prisma.team.update({ where: { id }, data, include: TEAM_MEMBERS_INCLUDE });
  }

  /** Deleting a team deletes its keys (foreign key cascade): they stop working at once. */
  async delete(ids: readonly string[]): Promise<{ keyIds: string[]; memberIds: string[] }> {
    const [keys, members] = await Promise.all([
      this.prisma.virtualKey.findMany({ where: { teamId: { in: [...ids] } }, select: { id: true } }),
      this.prisma.teamMembership.findMany({ where: { teamId: { in: [...ids] } }, select: { userId: true } }),
    ]);
    await this.prisma.team.deleteMany({ where: { id: { in: [...ids] } } });
    return {
      keyIds: keys.map((key) => key.id),
      memberIds: [...new Set(members.map((member) => member.userId))],
    };
  }

  addMembers(teamId: string, members: readonly MemberReference[]): Promise<User[]> {
    return this.prisma.$transaction(async (transaction) => {
      const users: User[] = [];
      for (const member of members) users.push(await this.upsertMembership(transaction, teamId, member));
      return users;
    });
  }

  /** Removes the membership and the member's keys in the team; returns the revoked key ids (null: not a member). */
  removeMember(
    teamId: string,
    reference: { userId?: string; email?: string },
  ): Promise<{ userId: string; keyIds: string[] } | null> {
    return this.prisma.$transaction(async (transaction) => {
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

  teamKeys(keyScope: KeyScope, teamId: string) {
    return this.prisma.virtualKey.findMany({
      where: { AND: [keyScopeWhere(keyScope), { teamId }] },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  private async upsertMembership(
    transaction: Transaction,
    teamId: string,
    member: MemberReference,
  ): Promise<User> {
    const existing = await transaction.user.findFirst({ where: userWhere(member) });
    const user =
      existing ??
      (await transaction.user.create({
        data: { id: member.userId, email: member.email, role: 'internal_user' },
      }));
    await transaction.teamMembership.upsert({
      where: { teamId_userId: { teamId, userId: user.id } },
      create: { teamId, userId: user.id, role: member.role },
      update: { role: member.role },
    });
    return user;
  }
}

/**
 * The user a member reference names. Never `{ email: null }` (or undefined): that would match some user
 * without an email, in any tenant.
 */
function userWhere(reference: { userId?: string; email?: string }): Prisma.UserWhereInput {
  if (reference.userId) return { id: reference.userId };
  if (reference.email) return { email: reference.email };
  throw OpenAIError.badRequest('user_id or user_email is required', 'user_id');
}
