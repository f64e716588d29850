// SIGTERM/app.close() while a stream is in flight: the stream finishes (or, once the grace period is over,
// is aborted), its spend row is written, and only then does the gateway let go of the database.
import type { Logger } from 'pino';
import { startEmulator, withFaults, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { SpendWriter } from '../../apps/gateway/src/spend/spend-writer.service';
import { capturingLogger } from '../support/captured-logs';
import { closedAfterEachTest } from '../support/cleanup';
import { newPrismaClient } from '../support/database';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { waitUntil } from '../support/polling';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
let emulator: RunningEmulator;
const prisma = newPrismaClient();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emulator?.close();
  await prisma.$disconnect();
});

// Each test closes its gateway itself; this closes the ones a failing test left open.
const closeAfterTest = closedAfterEachTest();

/** A gateway with one deployment whose stream runs at `tokensPerSecond`. */
async function gatewayStreamingAt(
  tokensPerSecond: number,
  options: { env?: Record<string, string>; logger?: Logger } = {},
): Promise<TestGateway> {
  const gateway = await startTestGateway({
    awsEndpoint: emulator.endpoint,
    ...options,
    configYaml: `model_list:
  - model_name: slow
    litellm_params:
      model: bedrock/${HAIKU}
      model_id: ${withFaults(HAIKU, `tps:${tokensPerSecond}`)}${EMULATOR_CREDENTIALS_YAML}
`,
  });
  return closeAfterTest(gateway);
}

/**
 * Opens a stream, waits for its first content, closes the gateway, and reads the stream to its end,
 * noting when each chunk arrived (a pending read resolves as the bytes come in).
 */
async function closeDuringStream(gateway: TestGateway) {
  const response = await gateway.request('/v1/chat/completions', {
    method: 'POST',
    json: {
      model: 'slow',
      messages: [{ role: 'user', content: `a story long enough to take a while: ${'stone '.repeat(40)}` }],
      stream: true,
    },
  });
  const requestId = response.headers.get('x-request-id')!;
  const reader = response.body!.getReader();
  const chunks: Array<{ text: string; at: number }> = [];
  const readToEnd = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      chunks.push({ text: new TextDecoder().decode(value), at: performance.now() });
    }
  })();
  await waitUntil('model output on the stream', () =>
    chunks.some((chunk) => chunk.text.includes('"content"')),
  );

  const spend = gateway.app.get(SpendWriter);
  const closeCalledAt = performance.now();
  const closing = gateway.close();
  await readToEnd;
  await closing;
  const row = await prisma.spendLog.findFirst({ where: { requestId } });
  return {
    text: chunks.map((chunk) => chunk.text).join(''),
    /** Chunks with model output that arrived after close() was called: the stream was in flight. */
    contentAfterClose: chunks.filter((chunk) => chunk.at > closeCalledAt && chunk.text.includes('"content"'))
      .length,
    row,
    pendingRows: spend.pendingRows,
  };
}

it('drains an in-flight stream and flushes its spend before closing', async () => {
  const { text, row, pendingRows, contentAfterClose } = await closeDuringStream(await gatewayStreamingAt(60));
  // Nothing may be left in memory once close() resolves: the process is about to exit.
  expect(pendingRows).toBe(0);
  expect(contentAfterClose).toBeGreaterThan(1);
  expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  expect(row).toMatchObject({ status: 'success', modelName: 'slow' });
  expect(row!.completionTokens).toBeGreaterThan(0);
});

it('aborts streams still open when the shutdown grace period ends, and books them', async () => {
  const { logger, lines } = capturingLogger('warn');
  const gateway = await gatewayStreamingAt(2, { env: { QUARRY_SHUTDOWN_GRACE_SECONDS: '0' }, logger });
  const { text, row } = await closeDuringStream(gateway);
  // Aborted because the 0 s grace period was over (not the default 25 s), not after the minute the
  // stream would have taken.
  expect(lines).toContainEqual(
    expect.objectContaining({ msg: 'shutdown grace period over: aborting open requests', graceMs: 0 }),
  );
  expect(text).toContain('shutting_down');
  expect(row).toMatchObject({ status: 'error', httpStatus: 503, modelName: 'slow' });
});
