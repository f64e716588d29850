// Teams, the tenants: a team owns its keys, and its members act in it with a team role.
import type { LimitChanges, LimitColumns } from './limit-columns';
import type { TeamRole } from './roles';

export interface TeamRecord extends LimitColumns {
  id: string;
  alias: string | null;
  blocked: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface TeamMember {
  teamId: string;
  userId: string;
  role: TeamRole;
  maxBudgetInTeam: number | null;
  spend: number;
  budgetDuration: string | null;
  budgetResetAt: Date | null;
  createdAt: Date;
  user: { id: string; email: string | null };
}

/** A team with its members in the order they joined. */
export interface TeamWithMembers extends TeamRecord {
  members: TeamMember[];
}

export interface TeamChanges extends LimitChanges {
  alias?: string | null;
  blocked?: boolean;
}

export interface NewTeam extends TeamChanges {
  /** A caller-chosen id; a UUID otherwise. */
  id?: string;
}

/** A member named by user id or email; a user that does not exist yet is created as an internal_user. */
export interface MemberReference {
  userId?: string;
  email?: string;
  role: TeamRole;
  /** max_budget_in_team; absent leaves it as it is. */
  maxBudgetInTeam?: number | null;
}

/** A change of a member's role or budget in a team; absent fields stay as they are. */
export interface MemberChanges {
  role?: TeamRole;
  maxBudgetInTeam?: number | null;
  budgetDuration?: string | null;
  budgetResetAt?: Date | null;
}
