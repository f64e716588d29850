// LiteLLM's customers (end users): create, change, block and delete the end users of the caller's teams,
// each change applied to every instance's limits cache before the call returns (end-user-directory.ts).
import { Injectable } from '@nestjs/common';
import { EndUsersRepository, pairId, type EndUserChanges } from '@quarry/db';
import { CacheInvalidationService } from '../../platform/invalidation/cache-invalidation.service';
import { rethrowConflict, requireWriter } from '../auth/management-errors';
import type { Principal } from '../auth/principal';
import { budgetPeriodChanges } from '../limit-fields/limit-changes';
import type { EndUserFieldsDto } from './dto/end-user-fields.dto';
import type { EndUserIdsDto } from './dto/end-user-ids.dto';
import { endUserResponse } from './end-user-response';
import { endUserNotFound, endUserScope, endUserTeam } from './end-user-team';

@Injectable()
export class EndUsersService {
  constructor(
    private readonly endUsers: EndUsersRepository,
    private readonly invalidation: CacheInvalidationService,
  ) {}

  async create(principal: Principal, fields: EndUserFieldsDto) {
    requireWriter(principal);
    const teamId = endUserTeam(principal, fields.team_id, 'write');
    const created = await this.endUsers
      .create(endUserScope(principal, 'write'), teamId, fields.user_id, changesFrom(fields, Date.now()))
      .catch(
        rethrowConflict({
          'endUser.id': {
            param: 'user_id',
            message: `End user "${fields.user_id}" already exists in this team.`,
          },
        }),
      );
    if (!created) throw endUserNotFound('team_id');
    await this.changed(teamId, [fields.user_id]);
    return endUserResponse(created);
  }

  async update(principal: Principal, fields: EndUserFieldsDto) {
    requireWriter(principal);
    const teamId = endUserTeam(principal, fields.team_id, 'write');
    const updated = await this.endUsers.update(
      endUserScope(principal, 'write'),
      teamId,
      fields.user_id,
      changesFrom(fields, Date.now()),
    );
    if (!updated) throw endUserNotFound();
    await this.changed(teamId, [fields.user_id]);
    return endUserResponse(updated);
  }

  async delete(principal: Principal, request: EndUserIdsDto) {
    requireWriter(principal);
    const teamId = endUserTeam(principal, request.team_id, 'write');
    const deleted = await this.endUsers.delete(endUserScope(principal, 'write'), teamId, request.user_ids);
    if (deleted.length === 0) throw endUserNotFound('user_ids');
    await this.changed(teamId, deleted);
    return { deleted_user_ids: deleted };
  }

  async setBlocked(principal: Principal, request: EndUserIdsDto, blocked: boolean) {
    requireWriter(principal);
    const teamId = endUserTeam(principal, request.team_id, 'write');
    const changed = await this.endUsers.setBlocked(
      endUserScope(principal, 'write'),
      teamId,
      request.user_ids,
      blocked,
    );
    if (changed.length === 0) throw endUserNotFound('user_ids');
    await this.changed(teamId, changed);
    return { user_ids: changed, blocked };
  }

  async info(principal: Principal, userId: string, teamId: string | undefined) {
    const team = endUserTeam(principal, teamId, 'read');
    const found = await this.endUsers.find(endUserScope(principal, 'read'), team, userId);
    if (!found) throw endUserNotFound('end_user_id');
    return endUserResponse(found);
  }

  async list(principal: Principal, teamId: string | undefined) {
    const found = await this.endUsers.list(endUserScope(principal, 'read'), teamId);
    return found.map(endUserResponse);
  }

  private changed(teamId: string, userIds: readonly string[]): Promise<void> {
    return this.invalidation.publish({ endUsers: userIds.map((userId) => pairId(teamId, userId)) });
  }
}

/** Setting a budget duration starts its first period now; clearing it ends the period. */
function changesFrom(fields: EndUserFieldsDto, now: number): EndUserChanges {
  const changes: EndUserChanges = {};
  if (fields.alias !== undefined) changes.alias = fields.alias;
  if (fields.max_budget !== undefined) changes.maxBudget = fields.max_budget;
  Object.assign(changes, budgetPeriodChanges(fields.budget_duration, now));
  if (fields.blocked !== undefined) changes.blocked = fields.blocked;
  if (fields.metadata !== undefined) changes.metadata = fields.metadata;
  return changes;
}
