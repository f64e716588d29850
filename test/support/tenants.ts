// Creates a team, a user in it and a virtual key through the management API, as an admin would.
import { randomBytes } from 'node:crypto';
import type { TestGateway } from './test-gateway';

export interface TestTenant {
  teamId: string;
  userId: string;
  keyId: string;
  key: string;
}

export async function createTenant(
  gateway: TestGateway,
  options: { teamModels?: string[]; keyModels?: string[] } = {},
): Promise<TestTenant> {
  const suffix = randomBytes(4).toString('hex');
  const team = await expectOk(
    await gateway.request('/team/new', {
      method: 'POST',
      json: { team_alias: `team-${suffix}`, models: options.teamModels ?? [] },
    }),
  );
  const user = await expectOk(
    await gateway.request('/user/new', {
      method: 'POST',
      json: { user_email: `user-${suffix}@example.com`, user_role: 'internal_user' },
    }),
  );
  await expectOk(
    await gateway.request('/team/member_add', {
      method: 'POST',
      json: { team_id: team.team_id, member: [{ user_id: user.user_id, role: 'user' }] },
    }),
  );
  const key = await expectOk(
    await gateway.request('/key/generate', {
      method: 'POST',
      json: {
        team_id: team.team_id,
        user_id: user.user_id,
        key_alias: `key-${suffix}`,
        models: options.keyModels ?? [],
      },
    }),
  );
  return { teamId: team.team_id, userId: user.user_id, keyId: key.token_id, key: key.key };
}

async function expectOk(response: Response): Promise<any> {
  const body = await response.json();
  if (!response.ok) throw new Error(`${response.url} → ${response.status}: ${JSON.stringify(body)}`);
  return body;
}
