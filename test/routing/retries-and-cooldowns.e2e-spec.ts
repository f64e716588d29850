// Retries and cooldowns seen from a client: a retry moves to a healthy deployment of the same model, the
// answer says which deployment served it and after how many retries (Quarry's and LiteLLM's headers), a
// deployment that keeps failing leaves the rotation and comes back after cooldown_time, a model whose
// every deployment is cooling down answers 429 with Retry-After, a model's only deployment is never
// cooled down, and GET /health probes deployments for the master key alone. Faults come from the
// emulator (a fault-suffixed model_id); nothing waits a fixed time: every wait polls what a user can read.
import { randomBytes } from 'node:crypto';
import { startEmulator, withFaults, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { EMULATOR_CREDENTIALS_YAML, EMULATOR_REGION } from '../support/emulator-credentials';
import { pollUntil } from '../support/polling';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant, type TestTenant } from '../support/tenants';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const nonce = randomBytes(4).toString('hex');
const id = (name: string) => `${name}-${nonce}`;

function deployment(model: string, deploymentId: string, faults?: string, extra = ''): string {
  return `
  - model_name: ${model}
    litellm_params:
      model: bedrock/${HAIKU}${faults ? `\n      model_id: ${withFaults(HAIKU, `${faults},nonce:${deploymentId}`)}` : ''}${EMULATOR_CREDENTIALS_YAML}${extra}
    model_info:
      id: ${deploymentId}`;
}

const NO_COOLDOWN = '\n      cooldown_time: 0';
const LONG_COOLDOWN = '\n      cooldown_time: 60';

const CONFIG = `router_settings:
  allowed_fails: 1
  cooldown_time: 2
model_list:${[
  deployment(id('retry'), id('retry-healthy')),
  deployment(id('retry'), id('retry-failing'), 'error500', NO_COOLDOWN),
  deployment(id('recovering'), id('recovering-healthy')),
  deployment(id('recovering'), id('recovering-throttled'), 'throttle:2'),
  deployment(id('down'), id('down-1'), 'error500', LONG_COOLDOWN),
  deployment(id('down'), id('down-2'), 'unavailable', LONG_COOLDOWN),
  deployment(id('lonely'), id('lonely-only'), 'error500'),
].join('')}
`;

let emulator: RunningEmulator;
let gateway: TestGateway;
let tenant: TestTenant;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  gateway = await startTestGateway({ configYaml: CONFIG, awsEndpoint: emulator.endpoint });
  tenant = await createTenant(gateway);
}, 60_000);

afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
});

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function chat(model: string, extra: Record<string, unknown> = {}): Promise<Answer> {
  const response = await gateway.request('/v1/chat/completions', {
    method: 'POST',
    key: tenant.key,
    json: { model, messages: [{ role: 'user', content: 'hello' }], max_tokens: 5, ...extra },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: extra.stream ? text : JSON.parse(text) };
}

const servedBy = (answer: Answer) => ({
  id: answer.headers.get('x-quarry-model-id'),
  region: answer.headers.get('x-quarry-model-region'),
  retries: answer.headers.get('x-quarry-attempted-retries'),
  litellmId: answer.headers.get('x-litellm-model-id'),
  litellmRegion: answer.headers.get('x-litellm-model-region'),
  litellmRetries: answer.headers.get('x-litellm-attempted-retries'),
});

async function stateOf(model: string, deploymentId: string, key = tenant.key) {
  const response = await gateway.request(`/model_group/info?model_group=${model}`, { key });
  const group = ((await response.json()) as { data: any[] }).data[0];
  return group.deployment_states.find((state: any) => state.model_id === deploymentId);
}

/** Calls until `done` accepts an answer (the router shuffles, so which deployment goes first varies). */
const callUntil = (what: string, call: () => Promise<Answer>, done: (answer: Answer) => boolean) =>
  pollUntil(what, call, done, { timeoutMs: 20_000 }).then((answers) => answers.at(-1)!);

describe('retries', () => {
  it('move to a healthy deployment, and the answer says which served it after how many retries', async () => {
    const answer = await callUntil(
      'a call that started on the failing deployment',
      () => chat(id('retry')),
      (a) => a.headers.get('x-quarry-attempted-retries') === '1',
    );
    expect(answer.status).toBe(200);
    expect(servedBy(answer)).toEqual({
      id: id('retry-healthy'),
      region: EMULATOR_REGION,
      retries: '1',
      litellmId: id('retry-healthy'),
      litellmRegion: EMULATOR_REGION,
      litellmRetries: '1',
    });
  });

  it('say the same on a stream', async () => {
    const answer = await chat(id('retry'), { stream: true });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/event-stream');
    expect(servedBy(answer)).toMatchObject({ id: id('retry-healthy'), region: EMULATOR_REGION });
    expect(['0', '1']).toContain(servedBy(answer).retries);
  });

  it('follow the request’s num_retries (0: the first failure is the answer, with the deployment that gave it)', async () => {
    const answer = await callUntil(
      'a call that started on the failing deployment',
      () => chat(id('retry'), { num_retries: 0 }),
      (a) => a.status !== 200,
    );
    expect(answer.status).toBe(502);
    expect(servedBy(answer)).toMatchObject({ id: id('retry-failing'), retries: '0', litellmRetries: '0' });
  });

  it('refuse a num_retries that is not a whole number, naming the field', async () => {
    const answer = await chat(id('retry'), { num_retries: 'many' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.param).toBe('num_retries');
  });
});

describe('cooldowns', () => {
  it('take a deployment that keeps failing out of the rotation, and bring it back after cooldown_time', async () => {
    const model = id('recovering');
    const throttled = id('recovering-throttled');
    const states = await pollUntil(
      'the throttled deployment to cool down',
      async () => {
        expect((await chat(model)).status).toBe(200);
        return stateOf(model, throttled);
      },
      (state) => state.status === 'cooling_down',
      { timeoutMs: 20_000 },
    );
    const cooling = states.at(-1);
    expect(Date.parse(cooling.cooldown_until)).toBeGreaterThan(Date.now() - 5_000);
    // Back in the rotation after cooldown_time, and (its throttling over) it serves calls again.
    await pollUntil(
      'the deployment to return',
      () => stateOf(model, throttled),
      (state) => state.status === 'healthy',
    );
    const answer = await callUntil(
      'a call served by the returned deployment',
      () => chat(model),
      (a) => servedBy(a).id === throttled,
    );
    expect(answer.status).toBe(200);
  });

  it('answer 429 with Retry-After when every deployment of the model is cooling down', async () => {
    const model = id('down');
    const first = await chat(model);
    expect(first.status).toBeGreaterThanOrEqual(502);
    expect([id('down-1'), id('down-2')]).toContain(servedBy(first).id);
    const refused = await callUntil(
      'every deployment to be cooling down',
      () => chat(model),
      (a) => a.status === 429,
    );
    expect(refused.body.error).toMatchObject({ type: 'rate_limit_error', code: 'deployments_cooling_down' });
    expect(refused.body.error.message).toContain(`Every deployment of model "${model}" is cooling down`);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Nothing was tried, so no deployment is named.
    expect(refused.headers.get('x-quarry-model-id')).toBeNull();
  });

  it('never take out the only deployment of a model', async () => {
    const model = id('lonely');
    for (let call = 0; call < 4; call++) expect((await chat(model)).status).toBe(502);
    expect(await stateOf(model, id('lonely-only'))).toEqual({
      model_id: id('lonely-only'),
      status: 'healthy',
      cooldown_until: null,
    });
  });
});

describe('GET /health', () => {
  it('is the master key’s alone', async () => {
    const response = await gateway.request('/health', { key: tenant.key });
    expect(response.status).toBe(403);
  });

  it('probes each deployment and answers in LiteLLM’s shape, without secrets', async () => {
    const response = await gateway.request(`/health?model=${id('retry')}`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const health = JSON.parse(text);
    expect(health).toMatchObject({ healthy_count: 1, unhealthy_count: 1 });
    expect(health.healthy_endpoints).toEqual([
      expect.objectContaining({
        model_id: id('retry-healthy'),
        aws_region_name: EMULATOR_REGION,
        status: 'healthy',
      }),
    ]);
    expect(health.unhealthy_endpoints).toEqual([
      expect.objectContaining({ model_id: id('retry-failing'), error: expect.any(String) }),
    ]);
    expect(text).not.toMatch(/aws_secret_access_key|aws_access_key_id/);
    expect(text).not.toContain(emulator.endpoint);
  });
});
