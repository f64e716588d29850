// A restricted key must not reach through /bedrock what its lists do not give it by naming it somewhere
// the access check did not look: a batch-only deployment called live, a decoy model beside the one a
// RetrieveAndGenerate body really runs, a registered guardrail applied from a Converse body or an
// InvokeModel header. Each is a real request to the gateway against the emulator, which would answer
// 200 if the gateway let it through.
import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { SpendWriter } from '../../apps/gateway/src/spend/spend-writer.service';
import { newPrismaClient } from '../support/database';
import { EMULATOR_CREDENTIALS, EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { createKey } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

const HAIKU_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
const CONFIG = `model_list:
  - model_name: claude-haiku
    litellm_params:
      model: bedrock/${HAIKU_ID}${EMULATOR_CREDENTIALS_YAML}
  - model_name: claude-haiku-batch
    litellm_params:
      model: bedrock/${HAIKU_ID}${EMULATOR_CREDENTIALS_YAML}
      s3_bucket_name: quarry-batches/files
    model_info:
      mode: batch
  - model_name: safety-guardrail
    litellm_params:
      model: bedrock/guardrail/grsafety1${EMULATOR_CREDENTIALS_YAML}
    model_info:
      access_groups: [safety]
`;
const HELLO = [{ role: 'user', content: [{ text: 'Hello' }] }];

let emulator: RunningEmulator;
let gateway: TestGateway;
let haikuOnly: string;
const prisma = newPrismaClient();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  process.env.AWS_ACCESS_KEY_ID = EMULATOR_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = EMULATOR_CREDENTIALS.secretAccessKey;
  gateway = await startTestGateway({ configYaml: CONFIG, awsEndpoint: emulator.endpoint });
  haikuOnly = (await createKey(gateway, { models: ['claude-haiku', 'knowledgebase/KBALLOWED1'] })).key;
});

afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
  await prisma.$disconnect();
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
});

async function post(path: string, key: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.baseUrl}/bedrock${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-litellm-api-key': key, ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    type: response.headers.get('x-amzn-errortype'),
    body: await response.text(),
  };
}

describe('batch deployments', () => {
  it('are not called live through /bedrock by a key given the model for batches only', async () => {
    const batchOnly = (await createKey(gateway, { models: ['claude-haiku-batch'] })).key;
    const byName = await post('/model/claude-haiku-batch/converse', batchOnly, { messages: HELLO });
    expect(byName.status).toBeGreaterThanOrEqual(400);
    expect(byName.status).toBeLessThan(500);
    const byId = await post(`/model/${HAIKU_ID}/converse`, batchOnly, { messages: HELLO });
    expect(byId).toMatchObject({ status: 403, type: 'AccessDeniedException' });
  });

  it('never serve a raw id a live deployment of the key serves (its model budget stays one)', async () => {
    const { key, token } = await createKey(gateway, {});
    for (let call = 0; call < 4; call++) {
      const answer = await post(`/model/${HAIKU_ID}/converse`, key, { messages: HELLO });
      expect(answer.status).toBe(200);
    }
    await gateway.app.get(SpendWriter).flush();
    const rows = await prisma.spendLog.findMany({ where: { keyId: token } });
    expect(rows.map((row) => row.modelName)).toEqual(Array(4).fill('claude-haiku'));
  });
});

describe('RetrieveAndGenerate', () => {
  it('checks the model its type selects, not a decoy beside it', async () => {
    const answer = await post('/retrieveAndGenerate', haikuOnly, {
      input: { text: 'refunds?' },
      retrieveAndGenerateConfiguration: {
        type: 'EXTERNAL_SOURCES',
        knowledgeBaseConfiguration: { knowledgeBaseId: 'KBALLOWED1', modelArn: HAIKU_ID },
        externalSourcesConfiguration: {
          modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
          sources: [
            {
              sourceType: 'BYTE_CONTENT',
              byteContent: { identifier: 'a.txt', contentType: 'text/plain', data: 'aGVsbG8=' },
            },
          ],
        },
      },
    });
    expect(answer).toMatchObject({ status: 403, type: 'AccessDeniedException' });
    expect(answer.body).toContain('nova-pro');
  });
});

describe('guardrails applied by a model call', () => {
  const guarded = {
    messages: HELLO,
    guardrailConfig: { guardrailIdentifier: 'grsafety1', guardrailVersion: '1' },
  };
  const anthropicBody = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 10,
    messages: [{ role: 'user', content: 'Hello' }],
  };

  it('refuses a registered guardrail the key may not use, from a Converse body or an InvokeModel header', async () => {
    expect(await post('/model/claude-haiku/converse', haikuOnly, guarded)).toMatchObject({
      status: 403,
      type: 'AccessDeniedException',
    });
    expect(await post('/model/claude-haiku/converse-stream', haikuOnly, guarded)).toMatchObject({
      status: 403,
    });
    const byHeader = await post('/model/claude-haiku/invoke', haikuOnly, anthropicBody, {
      'x-amzn-bedrock-guardrailidentifier': 'arn:aws:bedrock:us-east-1:123456789012:guardrail/grsafety1',
      'x-amzn-bedrock-guardrailversion': '1',
    });
    expect(byHeader).toMatchObject({ status: 403, type: 'AccessDeniedException' });
  });

  it('lets a key with the guardrail’s access group apply it, and plain calls pass as before', async () => {
    const safety = (await createKey(gateway, { models: ['claude-haiku', 'safety'] })).key;
    expect((await post('/model/claude-haiku/converse', safety, guarded)).status).toBe(200);
    expect((await post('/model/claude-haiku/converse', haikuOnly, { messages: HELLO })).status).toBe(200);
    expect((await post('/model/claude-haiku/invoke', haikuOnly, anthropicBody)).status).toBe(200);
  });
});
