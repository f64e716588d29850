// Reports of real traffic: a chat completion through the gateway (OpenAI SDK, emulator) shows up in
// /spend/logs and, through the spend writer's roll-up, in /global/spend/report, both read with the
// caller's own key.
import { call, unique } from '../support/management-api';
import { startChatFixture, type ChatFixture } from '../chat/chat-fixture';

let fixture: ChatFixture;
beforeAll(async () => {
  fixture = await startChatFixture();
});
afterAll(() => fixture?.close());

it('books a chat completion into /spend/logs and the daily report of its end user', async () => {
  const endUser = unique('end-user');
  // Taken before the request: the report's range (start_date to today) then holds it even across midnight.
  const today = new Date().toISOString().slice(0, 10);
  const { response } = await fixture.client.chat.completions
    .create({ model: 'claude-haiku', messages: [{ role: 'user', content: 'report me' }], user: endUser })
    .withResponse();
  const requestId = response.headers.get('x-request-id')!;
  const cost = Number(response.headers.get('x-quarry-response-cost'));
  expect(cost).toBeGreaterThan(0);
  await fixture.flushSpend();

  const get = (path: string) => call(fixture.gateway, 'GET', path, fixture.tenant.key);
  const logs = await get(`/spend/logs?request_id=${requestId}`);
  expect(logs.body.data).toEqual([
    expect.objectContaining({
      request_id: requestId,
      api_key: fixture.tenant.keyId,
      team_id: fixture.tenant.teamId,
      end_user: endUser,
      model: 'claude-haiku',
      status: 'success',
    }),
  ]);
  expect(logs.body.data[0].spend).toBeCloseTo(cost, 12);

  const report = await get(
    `/global/spend/report?group_by=customer&customer_id=${endUser}&start_date=${today}`,
  );
  expect(report.status).toBe(200);
  expect(report.body).toHaveLength(1);
  expect(report.body[0].customers).toEqual([
    expect.objectContaining({ customer: endUser, requests: 1, successful_requests: 1 }),
  ]);
  expect(report.body[0].customers[0].total_spend).toBeCloseTo(cost, 12);
});
