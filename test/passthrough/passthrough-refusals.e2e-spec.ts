// What the /bedrock passthrough refuses, in AWS's error shape so that native clients raise their modeled
// exceptions: no key, a wrong key, a model / agent / knowledge base / guardrail the key may not use,
// control-plane and unknown paths, traversal tricks; and default-credential passthrough turned off.
import { ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { InvokeAgentCommand, RetrieveCommand } from '@aws-sdk/client-bedrock-agent-runtime';
import { asMaster } from '../support/management-api';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database';
import { createKey, createUser } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import {
  agentRuntimeClient,
  CONFIG_MODELS,
  lastRequestId,
  runtimeClient,
  startPassthroughFixture,
  type PassthroughFixture,
} from './passthrough-fixture';

let database: PrivateDatabase;
let fixture: PassthroughFixture;
let unrestricted: string;
let haikuOnly: string;

const HELLO = [{ role: 'user' as const, content: [{ text: 'Hello' }] }];

beforeAll(async () => {
  // Models made through /model/new show in every gateway of a database: this suite has its own.
  database = await createPrivateDatabase();
  fixture = await startPassthroughFixture({ DATABASE_URL: database.url });
  unrestricted = (await createKey(fixture.gateway, {})).key;
  haikuOnly = (await createKey(fixture.gateway, { models: ['claude-haiku', 'knowledgebase/KBALLOWED1'] }))
    .key;
});

afterAll(async () => {
  await fixture?.close();
  await database?.drop();
});

async function post(path: string, headers: Record<string, string>, body: unknown = { messages: HELLO }) {
  const response = await fetch(`${fixture.gateway.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    type: response.headers.get('x-amzn-errortype'),
    body: (await response.json()) as any,
  };
}

describe('who may call', () => {
  it('refuses a request without a key, and one with a wrong key, as AWS clients expect', async () => {
    const anonymous = runtimeClient(fixture.endpoint, undefined);
    await expect(
      anonymous.send(new ConverseCommand({ modelId: 'claude-haiku', messages: HELLO })),
    ).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      $metadata: { httpStatusCode: 401 },
    });
    const wrong = await post('/bedrock/model/claude-haiku/converse', {
      authorization: 'Bearer sk-not-a-key',
    });
    expect(wrong).toMatchObject({ status: 401, type: 'UnrecognizedClientException' });
    expect(wrong.body.message).toBe('Invalid API key.');
  });

  it('ignores the SigV4 Authorization a client signs with when no virtual key comes with it', async () => {
    const sigv4Only = await post('/bedrock/model/claude-haiku/converse', {
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=' +
        '0'.repeat(64),
    });
    expect(sigv4Only.status).toBe(401);
  });
});

describe('what a restricted key may reach', () => {
  it('reaches its model by name and by the Bedrock id its deployment serves, and nothing else', async () => {
    const client = runtimeClient(fixture.endpoint, haikuOnly);
    await expect(
      client.send(new ConverseCommand({ modelId: 'claude-haiku', messages: HELLO })),
    ).resolves.toBeTruthy();
    await expect(
      client.send(
        new ConverseCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', messages: HELLO }),
      ),
    ).resolves.toBeTruthy();
    await expect(
      client.send(new ConverseCommand({ modelId: 'nova-lite', messages: HELLO })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      client.send(new ConverseCommand({ modelId: 'cohere.command-r-v1:0', messages: HELLO })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('reaches only the agents and knowledge bases its lists name', async () => {
    const client = agentRuntimeClient(fixture.endpoint, haikuOnly);
    await expect(
      client.send(
        new InvokeAgentCommand({
          agentId: 'L1RT58GYRW',
          agentAliasId: 'MFPSBCXYTW',
          sessionId: 's1',
          inputText: 'hi',
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(
      client.send(new RetrieveCommand({ knowledgeBaseId: 'KB12345678', retrievalQuery: { text: 'q' } })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const allowed = await client.send(
      new RetrieveCommand({ knowledgeBaseId: 'KBALLOWED1', retrievalQuery: { text: 'q' } }),
    );
    expect(allowed.retrievalResults).toBeDefined();
    const agentKey = (await createKey(fixture.gateway, { models: ['support-agent'] })).key;
    const agent = await agentRuntimeClient(fixture.endpoint, agentKey).send(
      new InvokeAgentCommand({
        agentId: 'L1RT58GYRW',
        agentAliasId: 'MFPSBCXYTW',
        sessionId: 's1',
        inputText: 'hi',
      }),
    );
    for await (const event of agent.completion!) expect(event.chunk ?? event.trace).toBeDefined();
    await expect(
      agentRuntimeClient(fixture.endpoint, agentKey).send(
        new InvokeAgentCommand({
          agentId: 'OTHERAGENT',
          agentAliasId: 'MFPSBCXYTW',
          sessionId: 's1',
          inputText: 'hi',
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const guardrail = await post(
      '/bedrock/guardrail/gr1/version/1/apply',
      { 'x-litellm-api-key': haikuOnly },
      {
        source: 'INPUT',
        content: [{ text: { text: 'hi' } }],
      },
    );
    expect(guardrail).toMatchObject({ status: 403, type: 'AccessDeniedException' });
  });

  it('books the refusal of a model it may not use in its spend row', async () => {
    const response = await fetch(`${fixture.endpoint}/model/nova-lite/converse`, {
      method: 'POST',
      headers: { 'x-litellm-api-key': haikuOnly, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: HELLO }),
    });
    expect(response.status).toBe(403);
    const row = await fixture.spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ callType: 'passthrough', status: 'error', httpStatus: 403 });
  });
});

describe('registered knowledge bases and guardrails', () => {
  it('are reached through their access group or name, and nothing unregistered is', async () => {
    const support = (await createKey(fixture.gateway, { models: ['support', 'pii-guardrail'] })).key;
    const client = agentRuntimeClient(fixture.endpoint, support);
    const found = await client.send(
      new RetrieveCommand({ knowledgeBaseId: 'KBSUPPORT1', retrievalQuery: { text: 'refunds' } }),
    );
    expect(found.retrievalResults!.length).toBeGreaterThan(0);
    await expect(
      client.send(new RetrieveCommand({ knowledgeBaseId: 'KB12345678', retrievalQuery: { text: 'q' } })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const guardrail = await post(
      '/bedrock/guardrail/piiguard/version/1/apply',
      { 'x-litellm-api-key': support },
      {
        source: 'INPUT',
        content: [{ text: { text: 'hi' } }],
      },
    );
    expect(guardrail.status).toBe(200);
    // A registered knowledge base is refused to keys that may not use it, even unrestricted-looking ones.
    const other = agentRuntimeClient(fixture.endpoint, haikuOnly);
    await expect(
      other.send(new RetrieveCommand({ knowledgeBaseId: 'KBSUPPORT1', retrievalQuery: { text: 'q' } })),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('bound what an agent may search: knowledge bases in its session state need the key’s access too', async () => {
    const invoke = (key: string, knowledgeBaseId: string) =>
      agentRuntimeClient(fixture.endpoint, key).send(
        new InvokeAgentCommand({
          agentId: 'L1RT58GYRW',
          agentAliasId: 'MFPSBCXYTW',
          sessionId: 's2',
          inputText: 'refunds?',
          sessionState: { knowledgeBaseConfigurations: [{ knowledgeBaseId, retrievalConfiguration: {} }] },
        }),
      );
    const agentOnly = (await createKey(fixture.gateway, { models: ['support-agent'] })).key;
    await expect(invoke(agentOnly, 'KB12345678')).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(invoke(agentOnly, 'KBSUPPORT1')).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const agentAndSupport = (await createKey(fixture.gateway, { models: ['support-agent', 'support'] })).key;
    const answer = await invoke(agentAndSupport, 'KBSUPPORT1');
    for await (const event of answer.completion!) expect(event).toBeDefined();
  });

  it('can be registered through the management API (/model/new) like a model', async () => {
    await asMaster(fixture.gateway, '/model/new', {
      model_name: 'api-kb',
      litellm_params: { model: 'bedrock/knowledgebase/KBAPIMADE1' },
      model_info: { access_groups: ['api-kbs'] },
    });
    const key = (await createKey(fixture.gateway, { models: ['api-kbs'] })).key;
    const client = agentRuntimeClient(fixture.endpoint, key);
    const found = await client.send(
      new RetrieveCommand({ knowledgeBaseId: 'KBAPIMADE1', retrievalQuery: { text: 'q' } }),
    );
    expect(found.retrievalResults).toBeDefined();
    const row = await fixture.spendRow(lastRequestId(client));
    expect(row).toMatchObject({ modelName: 'api-kb', status: 'success' });
  });

  it('are not chat models', async () => {
    const response = await fixture.gateway.request('/v1/chat/completions', {
      method: 'POST',
      json: { model: 'support-kb', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.message).toContain('/bedrock/knowledgebases');
  });
});

describe('allowed_passthrough_routes', () => {
  it('limits a key to the passthrough routes a proxy admin listed', async () => {
    const limited = (
      await createKey(fixture.gateway, { allowed_passthrough_routes: ['/bedrock/model/claude-haiku'] })
    ).key;
    const client = runtimeClient(fixture.endpoint, limited);
    await expect(
      client.send(new ConverseCommand({ modelId: 'claude-haiku', messages: HELLO })),
    ).resolves.toBeTruthy();
    await expect(
      client.send(new ConverseCommand({ modelId: 'nova-lite', messages: HELLO })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('allowed_passthrough_routes'),
    });
    const guardrail = await post(
      '/bedrock/guardrail/gr1/version/1/apply',
      { 'x-litellm-api-key': limited },
      {
        source: 'INPUT',
        content: [{ text: { text: 'hi' } }],
      },
    );
    expect(guardrail.status).toBe(403);
    const info = await asMaster(fixture.gateway, `/key/update`, { key: limited, metadata: { team: 'x' } });
    expect(info.metadata).toEqual({ team: 'x', allowed_passthrough_routes: ['/bedrock/model/claude-haiku'] });
  });

  it('may be set only by a proxy admin', async () => {
    const user = await createUser(fixture.gateway);
    const response = await fetch(`${fixture.gateway.baseUrl}/key/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ allowed_passthrough_routes: ['/bedrock'] }),
    });
    expect(response.status).toBe(403);
  });
});

describe('what is never forwarded', () => {
  it.each([
    ['the control plane', '/bedrock/model-invocation-job'],
    ['the control plane by an encoded path', '/bedrock/model%2F..%2Fmodel-invocation-jobs'],
    [
      'a traversal inside the model id',
      '/bedrock/model/claude-haiku/..%2F..%2Fmodel-invocation-job/converse',
    ],
    ['a dot-dot segment', '/bedrock/model/../foundation-models'],
    ['a double slash', '/bedrock//model/claude-haiku/converse'],
    ['a double encoding', '/bedrock/model/claude-haiku%252F..%252Fx/converse'],
    ['an operation not on the list', '/bedrock/model/claude-haiku/invoke-with-bidirectional-stream'],
    ['async invocations', '/bedrock/async-invoke'],
    ['a trailing segment', '/bedrock/knowledgebases/KB12345678/retrieve/x'],
  ])('%s (%s) is a 404 in AWS’s shape', async (_what, path) => {
    const refused = await post(path, { authorization: `Bearer ${unrestricted}` });
    expect(refused).toMatchObject({ status: 404, type: 'UnknownOperationException' });
    expect(refused.body.message).toContain('docs/passthrough.md');
  });

  it('answers other methods with the same 404', async () => {
    const response = await fetch(`${fixture.endpoint}/model/claude-haiku/converse`, {
      headers: { authorization: `Bearer ${unrestricted}` },
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
  });

  it('accepts mixed-case keywords, forwarding the canonical path', async () => {
    const mixed = await post('/bedrock/Model/claude-haiku/Converse', {
      authorization: `Bearer ${unrestricted}`,
    });
    expect(mixed.status).toBe(200);
    expect(mixed.body.output.message.role).toBe('assistant');
  });
});

describe('with default-credential passthrough turned off', () => {
  let gateway: TestGateway;
  let key: string;

  beforeAll(async () => {
    gateway = await startTestGateway({
      configYaml: CONFIG_MODELS,
      awsEndpoint: fixture.emulator.endpoint,
      env: { QUARRY_PASSTHROUGH_DEFAULT_CREDENTIALS: 'false', DATABASE_URL: database.url },
    });
    key = (await createKey(gateway, {})).key;
  });

  afterAll(async () => {
    await gateway?.close();
  });

  it('serves deployments only: raw ids, guardrails and knowledge bases no deployment serves are refused', async () => {
    const client = runtimeClient(`${gateway.baseUrl}/bedrock`, key);
    await expect(
      client.send(new ConverseCommand({ modelId: 'claude-haiku', messages: HELLO })),
    ).resolves.toBeTruthy();
    await expect(
      client.send(new ConverseCommand({ modelId: 'cohere.command-r-v1:0', messages: HELLO })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining('turned off'),
    });
    const retrieve = await fetch(`${gateway.baseUrl}/bedrock/knowledgebases/KB12345678/retrieve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ retrievalQuery: { text: 'q' } }),
    });
    expect(retrieve.status).toBe(403);
  });
});
