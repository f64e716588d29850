// /team/new and /team/update fields → column changes (absent = unchanged, null = cleared).
import type { TeamChanges } from '@quarry/db';
import { limitChangesFrom } from '../limit-fields/limit-changes';
import type { TeamFieldsDto } from './dto/team-fields.dto';

export function teamChangesFrom(fields: TeamFieldsDto, now: number): TeamChanges {
  const changes: TeamChanges = limitChangesFrom(fields, now);
  if (fields.team_alias !== undefined) changes.alias = fields.team_alias;
  if (fields.blocked !== undefined) changes.blocked = fields.blocked;
  return changes;
}

/** What a team admin may change on their own team; models, budgets, limits and blocking are the proxy admin's. */
export const TEAM_ADMIN_EDITABLE = new Set(['team_id', 'team_alias', 'metadata']);
