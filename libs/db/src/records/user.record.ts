// Users: people (or services) that hold keys; a user belongs to teams with a team role each.
import type { LimitChanges, LimitColumns } from './limit-columns';
import type { TeamRole, UserRole } from './roles';

export interface UserRecord extends LimitColumns {
  id: string;
  email: string | null;
  role: UserRole;
  createdAt: Date;
  updatedAt: Date;
}

/** A user with the teams they belong to, in the order they joined. */
export interface UserWithTeams extends UserRecord {
  memberships: { teamId: string; role: TeamRole }[];
}

export interface UserChanges extends LimitChanges {
  email?: string | null;
  role?: UserRole;
}

export interface NewUser extends UserChanges {
  /** A caller-chosen id; a UUID otherwise. */
  id?: string;
}
