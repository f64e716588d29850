// POST /rerank, /v1/rerank and /v2/rerank driven by Cohere's own SDK (`cohere-ai`) pointed at the
// gateway with a virtual key, on the emulator's agent-runtime Rerank: models named by ARN as the seeds
// write them, string and object documents, top_n, return_documents, rank_fields, and a priced spend row.
import { CohereClient, CohereClientV2 } from 'cohere-ai';
import { deployment, startChatFixture, type ChatFixture } from '../chat/chat-fixture';
import { EMULATOR_BEARER_TOKEN, EMULATOR_REGION } from '../support/emulator-credentials';

let fixture: ChatFixture;
let cohere: CohereClient;
let cohereV2: CohereClientV2;

beforeAll(async () => {
  fixture = await startChatFixture(
    [
      deployment('rerank-amazon', 'bedrock/arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0'),
      deployment('rerank-cohere', 'bedrock/arn:aws:bedrock:us-west-2::foundation-model/cohere.rerank-v3-5:0'),
      deployment('rerank-plain-id', 'bedrock/cohere.rerank-v3-5:0'),
    ].join('') +
      // Nothing but a Bedrock API key: the agent runtime takes SigV4 only.
      `
  - model_name: rerank-api-key
    litellm_params:
      model: bedrock/cohere.rerank-v3-5:0
      aws_region_name: ${EMULATOR_REGION}
      aws_bedrock_api_key: ${EMULATOR_BEARER_TOKEN}`,
    ['rerank-*'],
  );
  cohere = new CohereClient({ token: fixture.tenant.key, baseUrl: fixture.gateway.baseUrl });
  cohereV2 = new CohereClientV2({ token: fixture.tenant.key, baseUrl: fixture.gateway.baseUrl });
});

afterAll(async () => {
  await fixture?.close();
});

async function spendRow(requestId: string) {
  await fixture.flushSpend();
  return fixture.prisma.spendLog.findFirst({ where: { requestId } });
}

const DOCUMENTS = [
  'Paris is the capital of France.',
  'The mitochondria is the powerhouse of the cell.',
  'France has many famous wines and its capital is Paris.',
];

describe('POST /rerank (Cohere format)', () => {
  it.each([
    ['rerank-amazon', 0.001],
    ['rerank-cohere', 0.002],
    ['rerank-plain-id', 0.002],
  ])('%s ranks with Cohere’s v1 SDK, priced per query in the spend row', async (model, price) => {
    const { data, rawResponse } = await cohere
      .rerank({ model, query: 'capital of France', documents: DOCUMENTS, topN: 2, returnDocuments: true })
      .withRawResponse();
    expect(data.results).toHaveLength(2);
    expect(data.results.map((result) => result.index).sort()).toEqual([0, 2]);
    expect(data.results[0].relevanceScore).toBeGreaterThanOrEqual(data.results[1].relevanceScore);
    expect(data.results[0].document?.text).toBe(DOCUMENTS[data.results[0].index]);
    expect(data.meta?.billedUnits?.searchUnits).toBe(1);

    const requestId = rawResponse.headers.get('x-request-id')!;
    expect(data.id).toBe(requestId);
    expect(Number(rawResponse.headers.get('x-quarry-response-cost'))).toBeCloseTo(price, 10);
    const row = await spendRow(requestId);
    expect(row).toMatchObject({ callType: 'rerank', modelName: model, status: 'success' });
    expect(row!.cost).toBeCloseTo(price, 10);
  });

  it('answers Cohere’s v2 SDK on /v2/rerank, without documents unless asked', async () => {
    const answer = await cohereV2.rerank({
      model: 'rerank-cohere',
      query: 'cell biology',
      documents: DOCUMENTS,
    });
    expect(answer.results).toHaveLength(3);
    expect(answer.results[0].index).toBe(1);
    expect(answer.results[0]).not.toHaveProperty('document');
  });

  it('ranks object documents on rank_fields and returns them whole', async () => {
    const response = await fixture.gateway.request('/rerank', {
      method: 'POST',
      key: fixture.tenant.key,
      json: {
        model: 'rerank-amazon',
        query: 'capital of France',
        documents: [
          { title: 'Biology', body: 'capital of France' },
          { title: 'capital of France', body: 'cells' },
        ],
        rank_fields: ['title'],
        return_documents: true,
      },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.results[0]).toMatchObject({
      index: 1,
      document: { title: 'capital of France', body: 'cells' },
    });
  });

  it('charges a search unit per 100 documents', async () => {
    const documents = Array.from({ length: 150 }, (_, index) => `document ${index}`);
    const response = await fixture.gateway.request('/v1/rerank', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'rerank-amazon', query: 'document 7', documents, top_n: 1 },
    });
    const body = (await response.json()) as any;
    expect(body.meta.billed_units.search_units).toBe(2);
    expect(Number(response.headers.get('x-quarry-response-cost'))).toBeCloseTo(0.002, 10);
  });

  it('refuses bad bodies naming the field, and a chat model naming its endpoint', async () => {
    const empty = await fixture.gateway.request('/rerank', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'rerank-amazon', query: 'x', documents: [] },
    });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as any).error.param).toBe('documents');

    const chat = await fixture.gateway.request('/v1/rerank', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'claude-haiku', query: 'x', documents: ['a'] },
    });
    expect(chat.status).toBe(400);
    expect(((await chat.json()) as any).error).toMatchObject({ code: 'wrong_endpoint', param: 'model' });
  });

  it('says what to change for a deployment with only a Bedrock API key, and books the failure', async () => {
    const response = await fixture.gateway.request('/v1/rerank', {
      method: 'POST',
      key: fixture.tenant.key,
      json: { model: 'rerank-api-key', query: 'x', documents: ['a'] },
    });
    expect(response.status).toBe(500);
    const { error } = (await response.json()) as any;
    expect(error).toMatchObject({ code: 'api_key_not_accepted', param: 'model', type: 'server_error' });
    expect(error.message).toContain('AWS credentials');
    expect(error.message).not.toContain(EMULATOR_BEARER_TOKEN);
    const row = await spendRow(response.headers.get('x-request-id')!);
    expect(row).toMatchObject({ modelName: 'rerank-api-key', status: 'error', httpStatus: 500 });
  });
});
