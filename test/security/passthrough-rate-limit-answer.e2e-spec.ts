// A rate-limited passthrough call is refused in AWS's shape (429 ThrottlingException) and, like every
// other route, says when to come back: Retry-After. Without it a native client has nothing to wait on.
import { createKey } from '../support/tenants';
import { startPassthroughFixture, type PassthroughFixture } from '../passthrough/passthrough-fixture';

let fixture: PassthroughFixture;

beforeAll(async () => {
  fixture = await startPassthroughFixture();
});

afterAll(async () => {
  await fixture?.close();
});

it('answers a call over rpm_limit with 429 ThrottlingException and Retry-After', async () => {
  const key = (await createKey(fixture.gateway, { rpm_limit: 1 })).key;
  const call = () =>
    fetch(`${fixture.endpoint}/model/claude-haiku/converse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-litellm-api-key': key },
      body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Hello' }] }] }),
    });
  expect((await call()).status).toBe(200);
  const refused = await call();
  expect(refused.status).toBe(429);
  expect(refused.headers.get('x-amzn-errortype')).toBe('ThrottlingException');
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
});
