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

/**
 * What users may change about themselves: their metadata. Role, models, budgets and limits are the proxy
 * admin's, and so is the email: an email is an identity (members are invited by it), so a user who could
 * set their own could claim an address another team later invites (issue 12, email squatting).
 */
export const SELF_EDITABLE = new Set(['user_id', 'metadata']);
