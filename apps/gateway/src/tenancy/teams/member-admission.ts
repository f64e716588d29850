// Who a team admin may add to a team. Users are created only by proxy admins (`/user/new`, or
// `/team/member_add` naming an unknown user), so a team admin adds existing users — and only users who
// belong to no team it does not administer, or who are already members of this team (a change of role).
// Anyone else belongs to another tenant and must look exactly like a user that does not exist: 404, the
// same answer as for an unknown id or email (issue 12: a team admin could pull any tenant's user into
// their team by id or by an email that user had set on itself). Proxy admins and viewers belong to the
// operator, not to a tenant, even when in no team: to a team admin they do not exist either.
import type { UserWithTeams } from '@quarry/db';
import { notFound } from '../auth/management-errors';
import type { Principal } from '../auth/principal';
import type { TeamMemberDto } from './dto/team-member.dto';

const OPERATOR_ROLES: ReadonlySet<string> = new Set(['proxy_admin', 'proxy_admin_viewer']);

export function assertTeamAdminMayAdd(
  principal: Principal,
  teamId: string,
  member: TeamMemberDto,
  user: UserWithTeams | null,
): void {
  const param = member.user_id ? 'member.user_id' : 'member.user_email';
  if (!user) throw notFound('User', param);
  const alreadyMember = user.memberships.some((membership) => membership.teamId === teamId);
  const onlyInOwnTeams = user.memberships.every((membership) =>
    principal.teamAdminOf.includes(membership.teamId),
  );
  if (!alreadyMember && (!onlyInOwnTeams || OPERATOR_ROLES.has(user.role))) throw notFound('User', param);
}
