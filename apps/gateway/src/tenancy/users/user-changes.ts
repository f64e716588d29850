// /user/new and /user/update fields → column changes (absent = unchanged, null = cleared).
import type { UserChanges } from '@quarry/db';
import { limitChangesFrom } from '../limit-fields/limit-changes';
import type { UserFieldsDto } from './dto/user-fields.dto';

export function userChangesFrom(fields: UserFieldsDto, now: number): UserChanges {
  const changes: UserChanges = limitChangesFrom(fields, now);
  if (fields.user_email !== undefined) changes.email = fields.user_email;
  if (fields.user_role !== undefined) changes.role = fields.user_role;
  return changes;
}

/** What users may change about themselves. Role, models, budgets and limits are the proxy admin's. */
export const SELF_EDITABLE = new Set(['user_id', 'user_email', 'metadata']);
