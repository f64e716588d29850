// The one tenant builder: users, teams and keys created through the management API, as an admin would,
// and the two tenancies the suites use (one team with a member and a key; two teams with every role).
import { asMaster, unique } from './management-api';
import type { TestGateway } from './test-gateway';

type UserRole = 'proxy_admin' | 'proxy_admin_viewer' | 'internal_user' | 'internal_user_viewer';

/** A user with its personal key (LiteLLM's auto_create_key). */
export async function createUser(
  gateway: TestGateway,
  role: UserRole = 'internal_user',
): Promise<{ id: string; key: string }> {
  const created = await asMaster(gateway, '/user/new', {
    user_email: `${unique(role)}@example.com`,
    user_role: role,
  });
  return { id: created.user_id, key: created.key };
}

/** A team with the given members; returns its id. */
export async function createTeam(
  gateway: TestGateway,
  fields: { members?: { user_id: string; role: 'admin' | 'user' }[]; [field: string]: unknown } = {},
): Promise<string> {
  const { members = [], ...rest } = fields;
  const team = await asMaster(gateway, '/team/new', {
    team_alias: unique('team'),
    members_with_roles: members,
    ...rest,
  });
  return team.team_id;
}

/** A virtual key; returns its secret and its id. */
export async function createKey(
  gateway: TestGateway,
  fields: Record<string, unknown> = {},
): Promise<{ key: string; token: string }> {
  const created = await asMaster(gateway, '/key/generate', { key_alias: unique('key'), ...fields });
  return { key: created.key, token: created.token };
}

export interface TestTenant {
  teamId: string;
  userId: string;
  keyId: string;
  key: string;
}

/** A team, a member of it, and a key of that member in that team. */
export async function createTenant(
  gateway: TestGateway,
  options: { teamModels?: string[]; keyModels?: string[] } = {},
): Promise<TestTenant> {
  const user = await createUser(gateway);
  const teamId = await createTeam(gateway, {
    models: options.teamModels ?? [],
    members: [{ user_id: user.id, role: 'user' }],
  });
  const key = await createKey(gateway, {
    team_id: teamId,
    user_id: user.id,
    models: options.keyModels ?? [],
  });
  return { teamId, userId: user.id, keyId: key.token, key: key.key };
}

/** One value per calling role; each role's user is distinct. */
type ByRole = Record<
  'proxyAdmin' | 'adminViewer' | 'teamAdmin' | 'member' | 'memberViewer' | 'otherTeamAdmin',
  string
>;

export interface Tenancy {
  teamA: string;
  teamB: string;
  keys: ByRole;
  users: ByRole;
  /** A key of team A owned by no user, and one of team B. */
  teamAServiceKey: { key: string; token: string };
  teamBKey: { key: string; token: string };
}

/**
 * Two teams: A (team admin + member + viewer member; models limited, budget 100) and B (its own admin).
 * Plus a proxy admin and a proxy admin viewer, each with a personal key.
 */
export async function createTenancy(gateway: TestGateway, teamAModels: string[] = []): Promise<Tenancy> {
  const [proxyAdmin, adminViewer, teamAdmin, member, memberViewer, otherTeamAdmin] = await Promise.all([
    createUser(gateway, 'proxy_admin'),
    createUser(gateway, 'proxy_admin_viewer'),
    createUser(gateway, 'internal_user'),
    createUser(gateway, 'internal_user'),
    createUser(gateway, 'internal_user_viewer'),
    createUser(gateway, 'internal_user'),
  ]);
  const teamA = await createTeam(gateway, {
    team_alias: unique('team-a'),
    models: teamAModels,
    max_budget: 100,
    rpm_limit: 1000,
    members: [
      { user_id: teamAdmin.id, role: 'admin' },
      { user_id: member.id, role: 'user' },
      { user_id: memberViewer.id, role: 'user' },
    ],
  });
  const teamB = await createTeam(gateway, {
    team_alias: unique('team-b'),
    members: [{ user_id: otherTeamAdmin.id, role: 'admin' }],
  });
  const byRole = <T>(pick: (user: { id: string; key: string }) => T) => ({
    proxyAdmin: pick(proxyAdmin),
    adminViewer: pick(adminViewer),
    teamAdmin: pick(teamAdmin),
    member: pick(member),
    memberViewer: pick(memberViewer),
    otherTeamAdmin: pick(otherTeamAdmin),
  });
  return {
    teamA,
    teamB,
    keys: byRole((user) => user.key),
    users: byRole((user) => user.id),
    teamAServiceKey: await createKey(gateway, { team_id: teamA, key_alias: unique('svc-a') }),
    teamBKey: await createKey(gateway, { team_id: teamB, key_alias: unique('svc-b') }),
  };
}
