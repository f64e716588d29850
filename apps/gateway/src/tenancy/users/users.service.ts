// /user/* operations. Proxy admins manage users; users see themselves (team admins also their teams'
// members) and may change only their own email and metadata, never their role, models, budget or limits.
import { Injectable } from '@nestjs/common';
import { OpenAIError } from '@quarry/openai';
import { KeysRepository, TeamsRepository, UsersRepository, type UserWithTeams } from '@quarry/db';
import { CacheInvalidationService } from '../../platform/invalidation/cache-invalidation.service';
import {
  forbidden,
  notFound,
  requireGlobalReader,
  requireProxyAdmin,
  requireWriter,
  rethrowConflict,
} from '../auth/management-errors';
import { canReadEverything, isProxyAdmin, type Principal } from '../auth/principal';
import { givenFields } from '../../platform/validation/given-fields';
import { displayFormOf, generateVirtualKey, hashVirtualKey } from '../auth/virtual-key';
import { parseDuration } from '../../platform/validation/duration';
import { keyResponse } from '../keys/key-response';
import { keyScopeFor } from '../keys/key-scope';
import type { DeleteUsersDto } from './dto/delete-users.dto';
import type { ListUsersQuery } from './dto/list-users.query';
import type { NewUserDto } from './dto/new-user.dto';
import type { UpdateUserDto } from './dto/update-user.dto';
import { teamScopeFor } from '../teams/team-scope';
import { SELF_EDITABLE, userChangesFrom } from './user-changes';
import { userResponse } from './user-response';
import { userScopeFor } from './user-scope';

const DEFAULT_PAGE_SIZE = 25;

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly teams: TeamsRepository,
    private readonly keys: KeysRepository,
    private readonly invalidation: CacheInvalidationService,
  ) {}

  async create(principal: Principal, fields: NewUserDto) {
    requireProxyAdmin(principal, 'create users');
    const {
      user_id: id,
      teams = [],
      auto_create_key: autoCreateKey = true,
      key_alias: keyAlias,
      duration,
      ...rest
    } = fields;
    const existingTeams = await this.teams.findIds(teamScopeFor(principal, 'write'), teams);
    if (existingTeams.length !== new Set(teams).size) throw notFound('Team', 'teams');
    const now = Date.now();
    const secret = autoCreateKey ? generateVirtualKey() : undefined;
    const { user, key } = await this.users
      .create(
        userScopeFor(principal, 'write'),
        { ...userChangesFrom(rest, now), id },
        [...new Set(teams)],
        secret
          ? {
              hash: hashVirtualKey(secret),
              displayKey: displayFormOf(secret),
              alias: keyAlias,
              expiresAt: duration ? new Date(now + parseDuration(duration)!) : null,
              createdBy: principal.userId ?? 'master_key',
            }
          : undefined,
      )
      .catch(rethrowUserConflict);
    return {
      ...userResponse(user),
      ...(key && secret
        ? {
            key: secret,
            key_name: key.displayKey,
            token: key.id,
            key_alias: key.alias,
            expires: key.expiresAt,
          }
        : {}),
    };
  }

  async update(principal: Principal, fields: UpdateUserDto) {
    requireWriter(principal);
    if (fields.user_id === undefined && !fields.user_email)
      throw OpenAIError.badRequest('user_id (or user_email) is required', 'user_id');
    const reference = fields.user_id !== undefined ? { id: fields.user_id } : { email: fields.user_email! };
    const scope = userScopeFor(principal, 'write');
    const existing = await this.users.find(scope, reference);
    if (!existing) {
      throw notFound('User', 'user_id');
    }
    const { user_id: _id, ...changes } = fields;
    // Naming the user by email means the email is the reference, not a change.
    if (fields.user_id === undefined) delete changes.user_email;
    if (!isProxyAdmin(principal)) {
      // A team key acts only in its team; its user's own record is for the user's personal key.
      if (principal.teamId !== undefined)
        throw forbidden('A team key cannot change its user; use a personal key (a key without a team).');
      const restricted = givenFields(changes).find((field) => !SELF_EDITABLE.has(field));
      if (restricted) throw forbidden(`Only proxy admins can change ${restricted}.`, restricted);
    }
    const user = await this.users
      .update(scope, existing.id, userChangesFrom(changes, Date.now()))
      .catch(rethrowUserConflict);
    if (!user) throw notFound('User', 'user_id');
    await this.invalidation.publish({ users: [user.id] });
    return userResponse(visibleMemberships(principal, user));
  }

  /** Deleting a user deletes (revokes) all of the user's keys. */
  async delete(principal: Principal, request: DeleteUsersDto) {
    requireProxyAdmin(principal, 'delete users');
    const scope = userScopeFor(principal, 'write');
    const ids = await this.users.findIds(scope, request.user_ids);
    if (ids.length !== new Set(request.user_ids).size) throw notFound('User', 'user_ids');
    const revokedKeys = await this.users.delete(scope, ids);
    await this.invalidation.publish({ users: ids, keys: revokedKeys });
    return { deleted_users: ids, deleted_keys: revokedKeys };
  }

  async info(principal: Principal, userId: string | undefined) {
    const target = userId ?? principal.userId;
    if (!target) throw OpenAIError.badRequest('user_id is required (this key has no user)', 'user_id');
    const user = await this.users.find(userScopeFor(principal, 'read'), { id: target });
    if (!user) throw notFound('User', 'user_id');
    const keys = await this.keys.findOwnedBy(keyScopeFor(principal, 'read'), { userId: user.id });
    const response = userResponse(visibleMemberships(principal, user));
    return { user_id: user.id, user_info: response, keys: keys.map(keyResponse), teams: response.teams };
  }

  async list(principal: Principal, query: ListUsersQuery) {
    requireGlobalReader(principal, 'list users');
    const page = query.page ?? 1;
    const size = query.page_size ?? DEFAULT_PAGE_SIZE;
    const { users, total } = await this.users.list(
      userScopeFor(principal, 'read'),
      {
        role: query.role,
        teamId: query.team_id,
        userIds: query.user_ids
          ?.split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      },
      page,
      size,
    );
    return {
      users: users.map(userResponse),
      total,
      page,
      page_size: size,
      total_pages: Math.ceil(total / size),
    };
  }
}

/**
 * The user with only the memberships the caller may see: all of them for proxy admins and viewers, else
 * those in the caller's own teams (a team key: its team). Another tenant's team id is never shown.
 */
function visibleMemberships(principal: Principal, user: UserWithTeams): UserWithTeams {
  if (canReadEverything(principal)) return user;
  return {
    ...user,
    memberships: user.memberships.filter((membership) => principal.teamMemberOf.includes(membership.teamId)),
  };
}

const rethrowUserConflict = rethrowConflict(
  {
    'user.email': { param: 'user_email', message: 'A user or key with this user_email already exists.' },
    'key.alias': { param: 'key_alias', message: 'A user or key with this key_alias already exists.' },
  },
  { param: 'user_id', message: 'A user or key with this user_id already exists.' },
);
