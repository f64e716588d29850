// A client that hangs up on a plain (non-streamed) chat call: the gateway stops calling Bedrock for
// nobody — the upstream call is aborted (its connection closed by the gateway) instead of running, with
// its retries and backoff waits, to the end — and books the call as aborted (499), not as a success.
import { withFaults } from '../../apps/bedrock-emulator/src/http/fault-parser';
import { SpendWriter } from '../../apps/gateway/src/spend/spend-writer.service';
import { deployment, startChatFixture, type ChatFixture } from '../chat/chat-fixture';
import { waitUntil } from '../support/polling';
import { startTcpRelay, type TcpRelay } from '../support/tcp-relay';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

let relay: TcpRelay;
/** In front of the fallback model only: its connections are those of the fallback turn. */
let fallbackRelay: TcpRelay;
let fixture: ChatFixture;

beforeAll(async () => {
  relay = await startTcpRelay(() => fixture.emulator.endpoint);
  fallbackRelay = await startTcpRelay(() => fixture.emulator.endpoint);
  fixture = await startChatFixture(
    [
      deployment(
        'slow-unary',
        `bedrock/${HAIKU}`,
        `\n      model_id: ${withFaults(HAIKU, 'latency:20000')}\n      aws_bedrock_runtime_endpoint: ${relay.endpoint}`,
      ),
      deployment(
        'failing-unary',
        `bedrock/${HAIKU}`,
        `\n      model_id: ${withFaults(HAIKU, 'error500')}\n      num_retries: 0`,
      ),
      deployment(
        'slow-fallback',
        `bedrock/${HAIKU}`,
        `\n      model_id: ${withFaults(HAIKU, 'latency:20000')}\n      aws_bedrock_runtime_endpoint: ${fallbackRelay.endpoint}`,
      ),
    ].join(''),
    ['slow-unary', 'failing-unary', 'slow-fallback'],
  );
}, 60_000);

afterAll(async () => {
  await fixture?.close();
  await relay?.close();
  await fallbackRelay?.close();
});

async function bookedAsAborted(requestId: string): Promise<boolean> {
  await fixture.gateway.app.get(SpendWriter).flush();
  const row = await fixture.prisma.spendLog.findFirst({ where: { requestId } });
  return row?.status === 'aborted' && row.httpStatus === 499;
}

/** A chat completion the test can hang up on (its answer, or undefined once aborted). */
function chatCall(requestId: string, body: object, signal: AbortSignal): Promise<unknown> {
  return fetch(`${fixture.gateway.baseUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${fixture.tenant.key}`,
      'content-type': 'application/json',
      'x-request-id': requestId,
    },
    body: JSON.stringify(body),
    signal,
  }).catch(() => undefined);
}

it('aborts the Bedrock call when the client leaves a unary call, and books it as aborted', async () => {
  const controller = new AbortController();
  const requestId = `unary-client-gone-${Date.now()}`;
  const answered = chatCall(
    requestId,
    { model: 'slow-unary', messages: [{ role: 'user', content: 'Hello' }] },
    controller.signal,
  );
  await waitUntil('the gateway to call Bedrock', () => relay.connections.length > 0);
  controller.abort();
  await answered;
  await waitUntil('the gateway to hang up on Bedrock', () => relay.connections[0].closedByGateway);
  await waitUntil('the aborted call to be booked', () => bookedAsAborted(requestId));
}, 60_000);

it("aborts the fallback model's Bedrock call when the client leaves during the fallback turn", async () => {
  const controller = new AbortController();
  const requestId = `unary-client-gone-fallback-${Date.now()}`;
  const answered = chatCall(
    requestId,
    { model: 'failing-unary', fallbacks: ['slow-fallback'], messages: [{ role: 'user', content: 'Hello' }] },
    controller.signal,
  );
  await waitUntil('the gateway to call the fallback model', () => fallbackRelay.connections.length > 0);
  controller.abort();
  await answered;
  await waitUntil('the gateway to hang up on Bedrock', () => fallbackRelay.connections[0].closedByGateway);
  await waitUntil('the aborted call to be booked', () => bookedAsAborted(requestId));
}, 60_000);
