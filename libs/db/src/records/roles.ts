// Roles and sources as stored (the schema's enums, spelled out here so callers need no database types).

export const USER_ROLES = [
  'proxy_admin',
  'proxy_admin_viewer',
  'internal_user',
  'internal_user_viewer',
] as const;

/** A user's proxy-wide role; a key acts with its user's role. */
export type UserRole = (typeof USER_ROLES)[number];

/** A member's role within one team. */
export type TeamRole = 'admin' | 'user';

/** `config`: from config.yaml (the file is the source of truth); `db`: created through /model/new. */
export type ModelSource = 'config' | 'db';
