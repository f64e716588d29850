// Role credentials are refreshed before they expire, with one STS call per refresh however many requests
// arrive meanwhile (no thundering herd), shared by the chat surface and the /bedrock passthrough. The clock
// is moved by hand (support/clock.ts: Date only), and gateway, emulator and STS all read it, so no test
// waits for an hour to pass.
import { randomUUID } from 'node:crypto';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import OpenAI from 'openai';
import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { withFrozenClock } from '../support/clock';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from '../support/emulator-credentials';
import { pollUntil } from '../support/polling';
import { createKey } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const ROLE = 'arn:aws:iam::123456789012:role/bedrock-refresh';
const SESSION_SECONDS = 3600;
const CONCURRENT_CHATS = 24;
const CONCURRENT_PASSTHROUGH = 8;

let emulator: RunningEmulator;
let gateway: TestGateway;
let openai: OpenAI;
let bedrock: BedrockRuntimeClient;

beforeAll(async () => {
  emulator = await startEmulator();
  gateway = await startTestGateway({
    awsEndpoint: emulator.endpoint,
    // The same credential configuration twice, the twin with a header of its own: another SDK client (clients
    // are cached per settings), yet the same credential provider, so still one STS call per refresh.
    configYaml: `model_list:${roleDeployment('claude-role')}${roleDeployment('claude-role-twin', '\n      extra_headers: { x-team-tag: twin }')}\n`,
  });
  const { key } = await createKey(gateway);
  openai = new OpenAI({ apiKey: key, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
  bedrock = new BedrockRuntimeClient({
    region: EMULATOR_REGION,
    endpoint: `${gateway.baseUrl}/bedrock`,
    token: { token: key },
    authSchemePreference: ['httpBearerAuth'],
    requestHandler: new NodeHttpHandler(),
    maxAttempts: 1,
  });
});

afterAll(async () => {
  bedrock?.destroy();
  await gateway?.close();
  await emulator?.close();
});

function roleDeployment(name: string, extra = ''): string {
  return `
  - model_name: ${name}
    litellm_params:
      model: bedrock/anthropic.claude-3-haiku-20240307-v1:0
      aws_region_name: ${EMULATOR_REGION}
      aws_access_key_id: ${EMULATOR_CREDENTIALS.accessKeyId}
      aws_secret_access_key: ${EMULATOR_CREDENTIALS.secretAccessKey}
      aws_role_name: ${ROLE}
      aws_session_name: refresh-test
      aws_sts_endpoint: ${emulator.endpoint}${extra}`;
}

const assumeRoleCalls = () => emulator.sts.issuedCount('AssumeRole');
const latestKey = () => emulator.sts.calls.at(-1)!.issuedAccessKeyId!;

/** Chat completions (both deployment names) and passthrough Converse calls, all at once; all must succeed. */
async function burst(): Promise<void> {
  const chats = Array.from({ length: CONCURRENT_CHATS }, (_, index) =>
    openai.chat.completions.create({
      model: index % 2 === 0 ? 'claude-role' : 'claude-role-twin',
      messages: [{ role: 'user', content: `hello ${randomUUID()}` }],
      max_tokens: 10,
    }),
  );
  const passthrough = Array.from({ length: CONCURRENT_PASSTHROUGH }, () =>
    bedrock.send(
      new ConverseCommand({
        modelId: 'claude-role',
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      }),
    ),
  );
  const answers = await Promise.all([...chats, ...passthrough]);
  expect(answers).toHaveLength(CONCURRENT_CHATS + CONCURRENT_PASSTHROUGH);
}

describe('role credentials under concurrent load', () => {
  it('are assumed once, refreshed ahead of expiry with one STS call, and after expiry with one more', async () => {
    await withFrozenClock(async (clock) => {
      await burst();
      expect(assumeRoleCalls()).toBe(1);
      const first = latestKey();
      expect(emulator.sts.signedCalls(first)).toBe(CONCURRENT_CHATS + CONCURRENT_PASSTHROUGH);

      // Two minutes before expiry: the current credentials still serve while one refresh goes out.
      clock.advance((SESSION_SECONDS - 120) * 1000);
      await burst();
      await pollUntil('the refresh ahead of expiry', assumeRoleCalls, (calls) => calls >= 2);
      await burst();
      expect(assumeRoleCalls()).toBe(2);
      const second = latestKey();
      expect(second).not.toBe(first);
      expect(emulator.sts.signedCalls(second)).toBeGreaterThanOrEqual(
        CONCURRENT_CHATS + CONCURRENT_PASSTHROUGH,
      );

      // Past the second session's expiry: every request waits for the same, single AssumeRole.
      clock.advance((SESSION_SECONDS + 60) * 1000);
      await burst();
      expect(assumeRoleCalls()).toBe(3);
      const third = latestKey();
      expect(emulator.sts.signedCalls(third)).toBe(CONCURRENT_CHATS + CONCURRENT_PASSTHROUGH);
    });
  });
});
