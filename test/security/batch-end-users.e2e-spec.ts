// A batch's requests each carry their own end user (`user`). A blocked end user, or one past its budget,
// is refused on a live call; a batch must not be the way around that: batches.create refuses a file whose
// requests are for such an end user, as the live route would (403 end_user_blocked, 429 budget_exceeded).
import { asMaster } from '../support/management-api';
import { startBatchFixture, upload, type BatchFixture } from '../batches/batch-fixture';

let fixture: BatchFixture;

beforeAll(async () => {
  fixture = await startBatchFixture();
  const teamId = fixture.tenant.teamId;
  await asMaster(fixture.gateway, '/customer/new', { user_id: 'blocked-bob', team_id: teamId });
  await asMaster(fixture.gateway, '/customer/block', { user_ids: ['blocked-bob'], team_id: teamId });
  await asMaster(fixture.gateway, '/customer/new', { user_id: 'broke-eve', team_id: teamId, max_budget: 0 });
});

afterAll(async () => {
  await fixture?.close();
});

function linesFor(users: string[]): string {
  return users
    .map((user, index) =>
      JSON.stringify({
        custom_id: `r-${index}`,
        method: 'POST',
        url: '/v1/chat/completions',
        body: { model: 'batch-claude', messages: [{ role: 'user', content: 'hi' }], max_tokens: 5, user },
      }),
    )
    .join('\n');
}

async function createBatch(users: string[]) {
  const file = await upload(fixture.client, linesFor(users));
  return fixture.client.batches.create({
    input_file_id: file.id,
    endpoint: '/v1/chat/completions',
    completion_window: '24h',
  });
}

it('refuses a batch with requests for a blocked end user', async () => {
  await expect(createBatch(['alice', 'blocked-bob', 'alice'])).rejects.toMatchObject({
    status: 403,
    code: 'end_user_blocked',
  });
  // The same end user is refused live, as the batch now is.
  const live = await fetch(`${fixture.gateway.baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fixture.tenant.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'plain-claude',
      messages: [{ role: 'user', content: 'hi' }],
      user: 'blocked-bob',
    }),
  });
  expect(live.status).toBe(403);
});

it('refuses a batch with requests for an end user past its budget', async () => {
  await expect(createBatch(['alice', 'alice', 'broke-eve'])).rejects.toMatchObject({
    status: 429,
    code: 'budget_exceeded',
  });
});

it('creates a batch whose end users may all be served', async () => {
  const batch = await createBatch(['alice', 'carol', 'alice']);
  expect(batch.status).toBe('validating');
});
