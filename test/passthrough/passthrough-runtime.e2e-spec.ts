// /bedrock passthrough to bedrock-runtime, driven by the AWS SDK's own BedrockRuntimeClient pointed at
// http://<gateway>/bedrock with a virtual key (LiteLLM's x-litellm-api-key beside the SDK's own SigV4
// signature, or the key as the Bedrock API key), and by curl-style requests exactly as LiteLLM's docs
// write them. The emulator verifies every signature, so a call that succeeds was re-signed by the gateway.
import {
  ApplyGuardrailCommand,
  ConverseCommand,
  ConverseStreamCommand,
  CountTokensCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { startEmulator } from '../../apps/bedrock-emulator/src/index';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { createKey } from '../support/tenants';
import { startTestGateway } from '../support/test-gateway';
import {
  bearerRuntimeClient,
  costHeaderOf,
  lastRequestId,
  runtimeClient,
  startPassthroughFixture,
  type PassthroughFixture,
} from './passthrough-fixture';

let fixture: PassthroughFixture;
let unrestrictedKey: string;

const HELLO = [{ role: 'user' as const, content: [{ text: 'Hello' }] }];

/** An InvokeModel request in Anthropic's native Messages format. */
const ANTHROPIC_HELLO = {
  modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
  contentType: 'application/json',
  body: JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 50,
    messages: [{ role: 'user', content: 'Hello' }],
  }),
};

beforeAll(async () => {
  fixture = await startPassthroughFixture();
  // LiteLLM's docs: POST /key/generate with an empty body, then call /bedrock with it.
  unrestrictedKey = (await createKey(fixture.gateway, {})).key;
});

afterAll(async () => {
  await fixture?.close();
});

function post(path: string, key: string, body: unknown): Promise<Response> {
  return fetch(`${fixture.endpoint}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('the seeds’ flow: a key from POST /key/generate {} on the default credentials and region', () => {
  it('converses with cohere.command-r-v1:0 (curl, Authorization: Bearer <virtual key>) and books a priced spend row', async () => {
    const response = await post('/model/cohere.command-r-v1:0/converse', unrestrictedKey, {
      messages: HELLO,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.output.message.content[0].text.length).toBeGreaterThan(0);
    expect(body.usage.inputTokens).toBeGreaterThan(0);
    const row = await fixture.spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({
      callType: 'passthrough',
      modelName: 'cohere.command-r-v1:0',
      bedrockModel: 'cohere.command-r-v1:0',
      status: 'success',
      httpStatus: 200,
      promptTokens: body.usage.inputTokens,
      completionTokens: body.usage.outputTokens,
    });
    expect(row!.cost).toBeGreaterThan(0);
    expect(Number(response.headers.get('x-quarry-response-cost'))).toBeCloseTo(row!.cost, 10);
  });

  it('applies a guardrail and queries a knowledge base', async () => {
    const guardrail = await post('/guardrail/guardrailIdentifier/version/1/apply', unrestrictedKey, {
      content: [{ text: { text: 'Hello world' } }],
      source: 'INPUT',
    });
    expect(guardrail.status).toBe(200);
    expect(((await guardrail.json()) as any).action).toBe('NONE');

    const retrieve = await post('/knowledgebases/KB12345678/retrieve', unrestrictedKey, {
      retrievalQuery: { text: 'What is Quarry?' },
      retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: 2 } },
    });
    expect(retrieve.status).toBe(200);
    expect(((await retrieve.json()) as any).retrievalResults.length).toBe(2);
  });
});

describe('BedrockRuntimeClient through the gateway', () => {
  it('Converse on a public model name runs as its deployment and is priced like chat', async () => {
    const client = runtimeClient(fixture.endpoint, unrestrictedKey);
    const answer = await client.send(new ConverseCommand({ modelId: 'claude-haiku', messages: HELLO }));
    expect(answer.output?.message?.content?.[0].text).toBeTruthy();
    const row = await fixture.spendRow(lastRequestId(client));
    expect(row).toMatchObject({
      modelName: 'claude-haiku',
      bedrockModel: 'anthropic.claude-3-haiku-20240307-v1:0',
      promptTokens: answer.usage!.inputTokens,
      completionTokens: answer.usage!.outputTokens,
    });
    expect(row!.deploymentId).not.toBe('default-credentials');
    expect(row!.cost).toBeGreaterThan(0);
  });

  it('Converse answers carry their cost in x-quarry-response-cost, as chat does', async () => {
    const client = runtimeClient(fixture.endpoint, unrestrictedKey);
    const costHeader = costHeaderOf(client);
    await client.send(new ConverseCommand({ modelId: 'nova-lite', messages: HELLO }));
    const row = await fixture.spendRow(lastRequestId(client));
    expect(row!.cost).toBeGreaterThan(0);
    expect(Number(costHeader.value)).toBeCloseTo(row!.cost, 10);
  });

  it('ConverseStream relays the events as they come and meters the metadata event’s usage', async () => {
    const client = runtimeClient(fixture.endpoint, unrestrictedKey);
    const answer = await client.send(
      new ConverseStreamCommand({ modelId: 'us.amazon.nova-lite-v1:0', messages: HELLO }),
    );
    let text = '';
    let usage: { inputTokens?: number; outputTokens?: number } | undefined;
    for await (const event of answer.stream!) {
      text += event.contentBlockDelta?.delta?.text ?? '';
      usage = event.metadata?.usage ?? usage;
    }
    expect(text.length).toBeGreaterThan(0);
    const row = await fixture.spendRow(lastRequestId(client));
    // The client named the Bedrock id of the nova-lite deployment: it runs, and is booked, as that model.
    expect(row).toMatchObject({
      modelName: 'nova-lite',
      bedrockModel: 'us.amazon.nova-lite-v1:0',
      promptTokens: usage!.inputTokens,
      completionTokens: usage!.outputTokens,
      status: 'success',
    });
    expect(row!.deploymentId).not.toBe('default-credentials');
    expect(row!.ttftMs).toBeGreaterThan(0);
  });

  it('ConverseStream is not held back: events reach the client while the model is still writing', async () => {
    const paced = await startEmulator({ port: 0, tokensPerSecond: 25 });
    const gateway = await startTestGateway({
      awsEndpoint: paced.endpoint,
      configYaml: `model_list:\n  - model_name: paced\n    litellm_params:\n      model: bedrock/us.amazon.nova-lite-v1:0${EMULATOR_CREDENTIALS_YAML}\n`,
    });
    try {
      const client = runtimeClient(`${gateway.baseUrl}/bedrock`, gateway.masterKey);
      const startedAt = performance.now();
      const answer = await client.send(
        new ConverseStreamCommand({
          modelId: 'paced',
          messages: [
            { role: 'user', content: [{ text: 'Tell me a long story about the sea and its ships.' }] },
          ],
        }),
      );
      let firstDeltaAt: number | undefined;
      let deltas = 0;
      for await (const event of answer.stream!) {
        if (event.contentBlockDelta) {
          firstDeltaAt ??= performance.now();
          deltas++;
        }
      }
      const endedAt = performance.now();
      expect(deltas).toBeGreaterThan(5);
      // Paced at 25 tokens a second, the answer takes a while to write: the first delta must not wait for it.
      expect(endedAt - firstDeltaAt!).toBeGreaterThan((endedAt - startedAt) / 2);
    } finally {
      await gateway.close();
      await paced.close();
    }
  });

  it('InvokeModel relays the native body byte for byte, with the cost in x-quarry-response-cost', async () => {
    const client = runtimeClient(fixture.endpoint, unrestrictedKey);
    const costHeader = costHeaderOf(client);
    const answer = await client.send(
      new InvokeModelCommand({
        ...ANTHROPIC_HELLO,
      }),
    );
    const native = JSON.parse(answer.body.transformToString());
    expect(native.type).toBe('message');
    const row = await fixture.spendRow(lastRequestId(client));
    expect(row!.promptTokens).toBe(native.usage.input_tokens);
    expect(row!.completionTokens).toBe(native.usage.output_tokens);
    expect(Number(costHeader.value)).toBeCloseTo(row!.cost, 10);
    expect(row!.cost).toBeGreaterThan(0);
  });

  it('InvokeModelWithResponseStream relays the chunks and meters the last chunk’s invocation metrics', async () => {
    const client = runtimeClient(fixture.endpoint, unrestrictedKey);
    const answer = await client.send(
      new InvokeModelWithResponseStreamCommand({
        ...ANTHROPIC_HELLO,
      }),
    );
    let metrics: { inputTokenCount: number; outputTokenCount: number } | undefined;
    let chunks = 0;
    for await (const event of answer.body!) {
      chunks++;
      const decoded = JSON.parse(Buffer.from(event.chunk!.bytes!).toString('utf8'));
      metrics = decoded['amazon-bedrock-invocationMetrics'] ?? metrics;
    }
    expect(chunks).toBeGreaterThan(2);
    const row = await fixture.spendRow(lastRequestId(client));
    expect(row).toMatchObject({
      promptTokens: metrics!.inputTokenCount,
      completionTokens: metrics!.outputTokenCount,
    });
  });

  it('ApplyGuardrail and CountTokens answer as Bedrock does', async () => {
    const client = runtimeClient(fixture.endpoint, unrestrictedKey);
    const guarded = await client.send(
      new ApplyGuardrailCommand({
        guardrailIdentifier: 'gr-passthrough',
        guardrailVersion: 'DRAFT',
        source: 'INPUT',
        content: [{ text: { text: 'Hello there' } }],
      }),
    );
    expect(guarded.action).toBe('NONE');
    const counted = await client.send(
      new CountTokensCommand({
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        input: { converse: { messages: HELLO } },
      }),
    );
    expect(counted.inputTokens).toBeGreaterThan(0);
  });

  it('takes the virtual key as the Bedrock API key (AWS_BEARER_TOKEN_BEDROCK=<virtual key>)', async () => {
    const client = bearerRuntimeClient(fixture.endpoint, unrestrictedKey);
    const answer = await client.send(new ConverseCommand({ modelId: 'nova-lite', messages: HELLO }));
    expect(answer.stopReason).toBe('end_turn');
  });

  it('takes the key in litellm_user_api_key as "Bearer sk-…" (LiteLLM’s boto3 example)', async () => {
    const client = runtimeClient(fixture.endpoint, `Bearer ${unrestrictedKey}`, 'litellm_user_api_key');
    const answer = await client.send(new ConverseCommand({ modelId: 'claude-haiku', messages: HELLO }));
    expect(answer.output?.message?.role).toBe('assistant');
  });
});
