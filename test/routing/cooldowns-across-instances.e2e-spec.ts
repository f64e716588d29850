// With REDIS_URL, a cooldown one gateway instance starts is kept by all of them: the instances already
// running hear it on a channel, and one that starts later reads it from Redis at start. The deciding
// instance never waits for Redis on the request path, so the others learn of it a moment later: the
// spec polls what a user can read (/model_group/info), never a fixed wait.
import { randomBytes } from 'node:crypto';
import { startEmulator, withFaults, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { pollUntil } from '../support/polling';
import { describeWithRedis, testRedisUrl } from '../support/redis';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant, type TestTenant } from '../support/tenants';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const nonce = randomBytes(4).toString('hex');
const MODEL = `shared-cooldown-${nonce}`;
const HEALTHY = `shared-healthy-${nonce}`;
const FAILING = `shared-failing-${nonce}`;

const CONFIG = `router_settings:
  allowed_fails: 0
  cooldown_time: 60
model_list:
  - model_name: ${MODEL}
    litellm_params:
      model: bedrock/${HAIKU}${EMULATOR_CREDENTIALS_YAML}
    model_info:
      id: ${HEALTHY}
  - model_name: ${MODEL}
    litellm_params:
      model: bedrock/${HAIKU}
      model_id: ${withFaults(HAIKU, `error500,nonce:${nonce}`)}${EMULATOR_CREDENTIALS_YAML}
    model_info:
      id: ${FAILING}
`;

let emulator: RunningEmulator;
const gateways: TestGateway[] = [];
let tenant: TestTenant;

const start = async () => {
  const gateway = await startTestGateway({
    configYaml: CONFIG,
    awsEndpoint: emulator.endpoint,
    env: { REDIS_URL: testRedisUrl() },
  });
  gateways.push(gateway);
  return gateway;
};

async function failingState(gateway: TestGateway): Promise<string> {
  const response = await gateway.request(`/model_group/info?model_group=${MODEL}`, { key: tenant.key });
  const group = ((await response.json()) as { data: any[] }).data[0];
  return group.deployment_states.find((state: any) => state.model_id === FAILING).status;
}

describeWithRedis('cooldowns shared by gateway instances through Redis', () => {
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    await start();
    await start();
    tenant = await createTenant(gateways[0]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await emulator?.close();
  });

  it('a cooldown started on one instance is kept by the running ones and by one that starts later', async () => {
    const [first, second] = gateways;
    expect(await failingState(second)).toBe('healthy');
    await pollUntil(
      'the failing deployment to cool down on the first instance',
      async () => {
        const response = await first.request('/v1/chat/completions', {
          method: 'POST',
          key: tenant.key,
          json: { model: MODEL, messages: [{ role: 'user', content: 'hello' }], max_tokens: 5 },
        });
        expect(response.status).toBe(200);
        return failingState(first);
      },
      (status) => status === 'cooling_down',
    );
    await pollUntil(
      'the second instance to hear of it',
      () => failingState(second),
      (s) => s === 'cooling_down',
    );
    // The second instance sends every call to the healthy deployment while the other cools down.
    for (let call = 0; call < 5; call++) {
      const response = await second.request('/v1/chat/completions', {
        method: 'POST',
        key: tenant.key,
        json: { model: MODEL, messages: [{ role: 'user', content: 'hello' }], max_tokens: 5 },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-quarry-model-id')).toBe(HEALTHY);
      expect(response.headers.get('x-quarry-attempted-retries')).toBe('0');
    }
    const late = await start();
    expect(await failingState(late)).toBe('cooling_down');
  });
});
