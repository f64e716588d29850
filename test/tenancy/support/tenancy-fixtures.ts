// Builders for the tenancy end-to-end tests. Tests share one database and run in parallel, so every
// team, user and alias gets a random suffix and tests assert only on their own objects.
import { randomBytes } from 'node:crypto';
import type { TestGateway } from '../../support/test-gateway';

export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export async function call(
  gateway: TestGateway,
  method: 'GET' | 'POST',
  path: string,
  key: string | null,
  json?: unknown,
): Promise<{ status: number; body: any; text: string }> {
  const response = await gateway.request(path, { method, key, json });
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}

/** POST with the master key that must succeed; returns the parsed body. */
export async function asMaster(gateway: TestGateway, path: string, json: unknown): Promise<any> {
  const result = await call(gateway, 'POST', path, gateway.masterKey, json);
  if (result.status !== 200) throw new Error(`${path} answered ${result.status}: ${result.text}`);
  return result.body;
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
  const user = async (role: string) => {
    const created = await asMaster(gateway, '/user/new', {
      user_email: `${unique(role)}@example.com`,
      user_role: role,
    });
    return { id: created.user_id as string, key: created.key as string };
  };
  const [proxyAdmin, adminViewer, teamAdmin, member, memberViewer, otherTeamAdmin] = await Promise.all([
    user('proxy_admin'),
    user('proxy_admin_viewer'),
    user('internal_user'),
    user('internal_user'),
    user('internal_user_viewer'),
    user('internal_user'),
  ]);
  const teamA = await asMaster(gateway, '/team/new', {
    team_alias: unique('team-a'),
    models: teamAModels,
    max_budget: 100,
    rpm_limit: 1000,
    members_with_roles: [
      { user_id: teamAdmin.id, role: 'admin' },
      { user_id: member.id, role: 'user' },
      { user_id: memberViewer.id, role: 'user' },
    ],
  });
  const teamB = await asMaster(gateway, '/team/new', {
    team_alias: unique('team-b'),
    members_with_roles: [{ user_id: otherTeamAdmin.id, role: 'admin' }],
  });
  const teamAServiceKey = await asMaster(gateway, '/key/generate', {
    team_id: teamA.team_id,
    key_alias: unique('svc-a'),
  });
  const teamBKey = await asMaster(gateway, '/key/generate', {
    team_id: teamB.team_id,
    key_alias: unique('svc-b'),
  });
  return {
    teamA: teamA.team_id,
    teamB: teamB.team_id,
    keys: {
      proxyAdmin: proxyAdmin.key,
      adminViewer: adminViewer.key,
      teamAdmin: teamAdmin.key,
      member: member.key,
      memberViewer: memberViewer.key,
      otherTeamAdmin: otherTeamAdmin.key,
    },
    users: {
      proxyAdmin: proxyAdmin.id,
      adminViewer: adminViewer.id,
      teamAdmin: teamAdmin.id,
      member: member.id,
      memberViewer: memberViewer.id,
      otherTeamAdmin: otherTeamAdmin.id,
    },
    teamAServiceKey: { key: teamAServiceKey.key, token: teamAServiceKey.token },
    teamBKey: { key: teamBKey.key, token: teamBKey.token },
  };
}

/** Polls `check` until it returns true (bounded), for effects that arrive asynchronously (NOTIFY, expiry). */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs = 5_000,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}
