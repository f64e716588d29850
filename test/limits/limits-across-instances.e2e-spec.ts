// Two gateway processes sharing one Redis hold one rpm limit and one parallel-request limit between
// them: the counters live in Redis and each check is one atomic script, so a limit is not multiplied by
// the number of instances (LESSONS: LiteLLM's per-replica TPM, #40291).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { startEmulator, withFaults, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { testDatabaseUrl } from '../support/database';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import {
  buildGateway,
  startGatewayProcess,
  type GatewayBuild,
  type GatewayProcess,
} from '../support/gateway-process';
import { describeWithRedis, testRedisUrl } from '../support/redis';
import { HAIKU, withinOneWindow } from './limits-fixture';

const masterKey = `sk-limits-${randomBytes(12).toString('hex')}`;
let build: GatewayBuild;
let emulator: RunningEmulator;
const gateways: GatewayProcess[] = [];
const baseUrls: string[] = [];

describeWithRedis('limits across two gateway processes sharing Redis', () => {
  beforeAll(async () => {
    build = buildGateway();
    emulator = await startEmulator({ port: 0 });
    const configPath = path.join(mkdtempSync(path.join(tmpdir(), 'quarry-limits-')), 'config.yaml');
    writeFileSync(
      configPath,
      `model_list:
  - model_name: shared-haiku
    litellm_params:
      model: bedrock/${HAIKU}${EMULATOR_CREDENTIALS_YAML}
  - model_name: shared-slow
    litellm_params:
      model: bedrock/${HAIKU}
      model_id: ${withFaults(HAIKU, 'latency:800')}${EMULATOR_CREDENTIALS_YAML}
`,
    );
    for (let instance = 0; instance < 2; instance++) {
      const gateway = startGatewayProcess(build.mainPath, {
        DATABASE_URL: testDatabaseUrl(),
        REDIS_URL: testRedisUrl(),
        QUARRY_MASTER_KEY: masterKey,
        QUARRY_CONFIG: configPath,
        QUARRY_AWS_ENDPOINT: emulator.endpoint,
        QUARRY_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'quarry-limits-data-')),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        AWS_REGION: 'us-east-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      });
      gateways.push(gateway);
      baseUrls.push(await gateway.listening());
    }
  }, 90_000);

  afterAll(async () => {
    for (const gateway of gateways) gateway.kill();
    await emulator?.close();
    build?.remove();
  });

  async function newKey(fields: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${baseUrls[0]}/key/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ models: ['shared-haiku', 'shared-slow'], ...fields }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { key: string }).key;
  }

  const clients = (key: string) =>
    baseUrls.map((baseURL) => new OpenAI({ apiKey: key, baseURL: `${baseURL}/v1`, maxRetries: 0 }));

  const chat = (client: OpenAI, model = 'shared-haiku') =>
    client.chat.completions
      .create({ model, messages: [{ role: 'user', content: 'hi' }], max_tokens: 5 })
      .then(
        () => 200,
        (error: InstanceType<typeof OpenAI.APIError>) => error.status ?? 0,
      );

  it('one rpm_limit of 4 admits 4 calls a minute in all, whichever instance they reach', async () => {
    const [first, second] = clients(await newKey({ rpm_limit: 4 }));
    await withinOneWindow();
    const statuses: number[] = [];
    for (let call = 0; call < 8; call++) statuses.push(await chat(call % 2 === 0 ? first : second));
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
  });

  it('one max_parallel_requests of 1 refuses a call on one instance while the other holds the slot', async () => {
    const [first, second] = clients(await newKey({ max_parallel_requests: 1 }));
    const holding = chat(first, 'shared-slow');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await chat(second)).toBe(429);
    expect(await holding).toBe(200);
    // Released by the first instance, taken by the second.
    expect(await chat(second)).toBe(200);
  });
});
