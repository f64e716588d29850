// /team/* operations. Proxy admins create, delete and block teams and set their models and limits;
// team admins manage their own team's alias, metadata and members. Another team is "not found".
import { Injectable } from '@nestjs/common';
import {
  ALL_USERS,
  KeysRepository,
  TeamsRepository,
  UsersRepository,
  type MemberReference,
} from '@quarry/db';
import { CacheInvalidationService } from '../../platform/invalidation/cache-invalidation.service';
import {
  forbidden,
  notFound,
  requireProxyAdmin,
  requireWriter,
  rethrowConflict,
} from '../auth/management-errors';
import { isProxyAdmin, type Principal } from '../auth/principal';
import { givenFields } from '../../platform/validation/given-fields';
import { keyResponse } from '../keys/key-response';
import { keyScopeFor } from '../keys/key-scope';
import type { DeleteTeamsDto } from './dto/delete-teams.dto';
import type { NewTeamDto } from './dto/new-team.dto';
import type { TeamMemberAddDto } from './dto/team-member-add.dto';
import type { TeamMemberDeleteDto } from './dto/team-member-delete.dto';
import type { TeamMemberDto } from './dto/team-member.dto';
import type { TeamMemberUpdateDto } from './dto/team-member-update.dto';
import { memberChangesFrom } from './member-changes';
import type { UpdateTeamDto } from './dto/update-team.dto';
import { TEAM_ADMIN_EDITABLE, teamChangesFrom } from './team-changes';
import { teamResponse } from './team-response';
import { teamScopeFor } from './team-scope';
import { assertTeamAdminMayAdd } from './member-admission';

@Injectable()
export class TeamsService {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly keys: KeysRepository,
    private readonly users: UsersRepository,
    private readonly invalidation: CacheInvalidationService,
  ) {}

  async create(principal: Principal, fields: NewTeamDto) {
    requireProxyAdmin(principal, 'create teams');
    const { members_with_roles: members = [], team_id: id, ...rest } = fields;
    const team = await this.teams
      .create(
        teamScopeFor(principal, 'write'),
        { ...teamChangesFrom(rest, Date.now()), id },
        members.map(memberReference),
      )
      .catch(rethrowTeamConflict);
    await this.invalidation.publish({ users: team.members.map((member) => member.userId) });
    return teamResponse(team);
  }

  async update(principal: Principal, fields: UpdateTeamDto) {
    requireWriter(principal);
    const scope = teamScopeFor(principal, 'write');
    const existing = await this.teams.find(scope, fields.team_id);
    if (!existing) throw notFound('Team', 'team_id');
    if (!isProxyAdmin(principal)) {
      const restricted = givenFields(fields).find((field) => !TEAM_ADMIN_EDITABLE.has(field));
      if (restricted) throw forbidden(`Only proxy admins can change ${restricted} of a team.`, restricted);
    }
    const { team_id: _id, ...changes } = fields;
    const team = await this.teams.update(scope, existing.id, teamChangesFrom(changes, Date.now()));
    if (!team) throw notFound('Team', 'team_id');
    await this.invalidation.publish({ teams: [team.id] });
    return { team_id: team.id, data: teamResponse(team) };
  }

  async delete(principal: Principal, request: DeleteTeamsDto) {
    requireProxyAdmin(principal, 'delete teams');
    const scope = teamScopeFor(principal, 'write');
    const ids = await this.teams.findIds(scope, request.team_ids);
    if (ids.length !== new Set(request.team_ids).size) throw notFound('Team', 'team_ids');
    const { keyIds, memberIds } = await this.teams.delete(scope, ids);
    // Members' cached keys elsewhere still list the deleted teams among their memberships.
    await this.invalidation.publish({ teams: ids, keys: keyIds, users: memberIds });
    return { deleted_teams: ids, deleted_keys: keyIds };
  }

  async setBlocked(principal: Principal, teamId: string, blocked: boolean) {
    requireProxyAdmin(principal, blocked ? 'block teams' : 'unblock teams');
    const team = await this.teams.update(teamScopeFor(principal, 'write'), teamId, { blocked });
    if (!team) throw notFound('Team', 'team_id');
    await this.invalidation.publish({ teams: [team.id] });
    return teamResponse(team);
  }

  async info(principal: Principal, teamId: string) {
    const team = await this.teams.find(teamScopeFor(principal, 'read'), teamId);
    if (!team) throw notFound('Team', 'team_id');
    const keys = await this.keys.findOwnedBy(keyScopeFor(principal, 'read'), { teamId: team.id });
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
    const scope = teamScopeFor(principal, 'write');
    if (!isProxyAdmin(principal)) await this.assertMayAdd(principal, request);
    const users = await this.teams
      .addMembers(
        scope,
        request.team_id,
        request.member.map((member) => ({
          ...memberReference(member),
          maxBudgetInTeam: request.max_budget_in_team,
        })),
      )
      .catch(rethrowTeamConflict);
    if (!users) throw notFound('Team', 'team_id');
    await this.invalidation.publish({ users: users.map((user) => user.id) });
    const updated = await this.teams.find(scope, request.team_id);
    return {
      ...teamResponse(updated!),
      updated_users: users.map((user) => ({
        user_id: user.id,
        user_email: user.email,
        user_role: user.role,
      })),
    };
  }

  /** Team admins add only existing users of their own tenancy; see member-admission.ts. */
  private async assertMayAdd(principal: Principal, request: TeamMemberAddDto): Promise<void> {
    if (!(await this.teams.find(teamScopeFor(principal, 'write'), request.team_id)))
      throw notFound('Team', 'team_id');
    for (const member of request.member) {
      // Read whatever the caller's scope: the rule itself answers "not found" for what it may not see.
      const user = await this.users.find(
        ALL_USERS,
        member.user_id ? { id: member.user_id } : { email: member.user_email! },
      );
      assertTeamAdminMayAdd(principal, request.team_id, member, user);
    }
  }

  /** A member's role or budget in the team (LiteLLM's /team/member_update). */
  async updateMember(principal: Principal, request: TeamMemberUpdateDto) {
    requireWriter(principal);
    const scope = teamScopeFor(principal, 'write');
    const userId = await this.teams.updateMember(
      scope,
      request.team_id,
      { userId: request.user_id ?? undefined, email: request.user_email ?? undefined },
      memberChangesFrom(request, Date.now()),
    );
    if (!userId) throw notFound('User', request.user_id ? 'user_id' : 'user_email');
    // Cached keys carry the member's budget.
    await this.invalidation.publish({ users: [userId] });
    return teamResponse((await this.teams.find(scope, request.team_id))!);
  }

  /** Removing a member also revokes that member's keys in the team. */
  async removeMember(principal: Principal, request: TeamMemberDeleteDto) {
    requireWriter(principal);
    const scope = teamScopeFor(principal, 'write');
    const team = await this.teams.find(scope, request.team_id);
    if (!team) throw notFound('Team', 'team_id');
    const removed = await this.teams.removeMember(scope, team.id, {
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

const rethrowTeamConflict = rethrowConflict(
  { 'user.email': { param: 'user_email', message: 'A user with this user_email already exists.' } },
  { param: 'team_id', message: 'A team with this team_id already exists.' },
);
