// /team/* operations. Proxy admins create, delete and block teams and set their models and limits;
// team admins manage their own team's alias, metadata and members. Another team is "not found".
import { Injectable } from '@nestjs/common';
import { OpenAIError } from '@quarry/openai';
import { Prisma } from '@quarry/db';
import { CacheInvalidationService } from '../../platform/invalidation/cache-invalidation.service';
import { forbidden, notFound, requireProxyAdmin, requireWriter } from '../auth/management-errors';
import { isProxyAdmin, type Principal } from '../auth/principal';
import { givenFields } from '../../platform/validation/given-fields';
import { keyResponse } from '../keys/key-response';
import { keyScopeFor } from '../keys/key-scope';
import type { DeleteTeamsDto } from './dto/delete-teams.dto';
import type { NewTeamDto } from './dto/new-team.dto';
import type { TeamMemberAddDto } from './dto/team-member-add.dto';
import type { TeamMemberDeleteDto } from './dto/team-member-delete.dto';
import type { TeamMemberDto } from './dto/team-member.dto';
import type { UpdateTeamDto } from './dto/update-team.dto';
import { TEAM_ADMIN_EDITABLE, teamColumnsFrom } from './team-changes';
import { teamResponse } from './team-response';
import { teamScopeFor } from './team-scope';
import { TeamsRepository, type MemberReference } from './teams.repository';

@Injectable()
export class TeamsService {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly invalidation: CacheInvalidationService,
  ) {}

  async create(principal: Principal, fields: NewTeamDto) {
    requireProxyAdmin(principal, 'create teams');
    const { members_with_roles: members = [], team_id: id, ...rest } = fields;
    const team = await this.teams
      .create(
        { ...(teamColumnsFrom(rest, Date.now()) as Prisma.TeamUncheckedCreateInput), id },
        members.map(memberReference),
      )
      .catch(rethrowConflict);
    await this.invalidation.publish({ users: team.members.map((member) => member.userId) });
    return teamResponse(team);
  }

  async update(principal: Principal, fields: UpdateTeamDto) {
    requireWriter(principal);
    const existing = await this.teams.find(teamScopeFor(principal, 'write'), fields.team_id);
    if (!existing) throw notFound('Team', 'team_id');
    if (!isProxyAdmin(principal)) {
      const restricted = givenFields(fields).find((field) => !TEAM_ADMIN_EDITABLE.has(field));
      if (restricted) throw forbidden(`Only proxy admins can change ${restricted} of a team.`, restricted);
    }
    const { team_id: _id, ...changes } = fields;
    const team = await this.teams.update(existing.id, teamColumnsFrom(changes, Date.now()));
    await this.invalidation.publish({ teams: [team.id] });
    return { team_id: team.id, data: teamResponse(team) };
  }

  async delete(principal: Principal, request: DeleteTeamsDto) {
    requireProxyAdmin(principal, 'delete teams');
    const found = await this.teams.findMany(teamScopeFor(principal, 'write'), request.team_ids);
    if (found.length !== new Set(request.team_ids).size) throw notFound('Team', 'team_ids');
    const ids = found.map((team) => team.id);
    const { keyIds, memberIds } = await this.teams.delete(ids);
    // Members' cached keys elsewhere still list the deleted teams among their memberships.
    await this.invalidation.publish({ teams: ids, keys: keyIds, users: memberIds });
    return { deleted_teams: ids, deleted_keys: keyIds };
  }

  async setBlocked(principal: Principal, teamId: string, blocked: boolean) {
    requireProxyAdmin(principal, blocked ? 'block teams' : 'unblock teams');
    const existing = await this.teams.find(teamScopeFor(principal, 'write'), teamId);
    if (!existing) throw notFound('Team', 'team_id');
    const team = await this.teams.update(existing.id, { blocked });
    await this.invalidation.publish({ teams: [team.id] });
    return teamResponse(team);
  }

  async info(principal: Principal, teamId: string) {
    const team = await this.teams.find(teamScopeFor(principal, 'read'), teamId);
    if (!team) throw notFound('Team', 'team_id');
    const keys = await this.teams.teamKeys(keyScopeFor(principal, 'read'), team.id);
    const response = teamResponse(team);
    return {
      team_id: team.id,
      team_info: response,
      keys: keys.map(keyResponse),
      team_memberships: response.members_with_roles,
    };
  }

  async list(principal: Principal, memberUserId: string | undefined) {
    const teams = await this.teams.list(teamScopeFor(principal, 'read'), memberUserId);
    return teams.map(teamResponse);
  }

  async addMembers(principal: Principal, request: TeamMemberAddDto) {
    requireWriter(principal);
    const team = await this.teams.find(teamScopeFor(principal, 'write'), request.team_id);
    if (!team) throw notFound('Team', 'team_id');
    const users = await this.teams
      .addMembers(team.id, request.member.map(memberReference))
      .catch(rethrowConflict);
    await this.invalidation.publish({ users: users.map((user) => user.id) });
    const updated = await this.teams.find(teamScopeFor(principal, 'write'), team.id);
    return {
      ...teamResponse(updated!),
      updated_users: users.map((user) => ({
        user_id: user.id,
        user_email: user.email,
        user_role: user.role,
      })),
    };
  }

  /** Removing a member also revokes that member's keys in the team. */
  async removeMember(principal: Principal, request: TeamMemberDeleteDto) {
    requireWriter(principal);
    const team = await this.teams.find(teamScopeFor(principal, 'write'), request.team_id);
    if (!team) throw notFound('Team', 'team_id');
    const removed = await this.teams.removeMember(team.id, {
      userId: request.user_id ?? undefined,
      email: request.user_email ?? undefined,
    });
    if (!removed) throw notFound('User', request.user_id ? 'user_id' : 'user_email');
    await this.invalidation.publish({ users: [removed.userId], keys: removed.keyIds });
    return { team_id: team.id, removed_user_id: removed.userId, deleted_keys: removed.keyIds };
  }
}

function memberReference(member: TeamMemberDto): MemberReference {
  return {
    userId: member.user_id ?? undefined,
    email: member.user_email ?? undefined,
    role: member.role ?? 'user',
  };
}

function rethrowConflict(error: unknown): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    const target = JSON.stringify(error.meta ?? {});
    const param = target.includes('email') ? 'user_email' : 'team_id';
    throw new OpenAIError(
      409,
      `A ${param === 'team_id' ? 'team with this team_id' : 'user with this user_email'} already exists.`,
      'invalid_request_error',
      param,
      'already_exists',
    );
  }
  throw error;
}
