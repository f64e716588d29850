// /bedrock passthrough to bedrock-agent-runtime with the AWS SDK's BedrockAgentRuntimeClient: InvokeAgent
// (completion chunks streamed through as the agent sends them), Retrieve, RetrieveAndGenerate, Rerank.
import {
  InvokeAgentCommand,
  RerankCommand,
  RetrieveAndGenerateCommand,
  RetrieveCommand,
} from '@aws-sdk/client-bedrock-agent-runtime';
import { createKey } from '../support/tenants';
import {
  agentRuntimeClient,
  lastRequestId,
  startPassthroughFixture,
  type PassthroughFixture,
} from './passthrough-fixture';

let fixture: PassthroughFixture;
let key: string;

beforeAll(async () => {
  fixture = await startPassthroughFixture();
  key = (await createKey(fixture.gateway, {})).key;
});

afterAll(async () => {
  await fixture?.close();
});

describe('BedrockAgentRuntimeClient through the gateway', () => {
  it('InvokeAgent streams the completion chunks, continues the session, and meters the trace’s usage', async () => {
    const client = agentRuntimeClient(fixture.endpoint, key);
    const answer = await client.send(
      new InvokeAgentCommand({
        agentId: 'L1RT58GYRW',
        agentAliasId: 'MFPSBCXYTW',
        sessionId: '12345',
        inputText: 'Who do you know?',
        enableTrace: true,
      }),
    );
    expect(answer.sessionId).toBe('12345');
    let completion = '';
    let chunks = 0;
    let traceUsage = 0;
    for await (const event of answer.completion!) {
      if (event.chunk?.bytes) {
        chunks++;
        completion += Buffer.from(event.chunk.bytes).toString('utf8');
      }
      const output = event.trace?.trace?.orchestrationTrace?.modelInvocationOutput;
      traceUsage += output?.metadata?.usage?.inputTokens ?? 0;
    }
    expect(completion.length).toBeGreaterThan(0);
    expect(chunks).toBeGreaterThan(0);
    const row = await fixture.spendRow(lastRequestId(client));
    // The agent is a deployment (support-agent): it runs as it and is booked under its name.
    expect(row).toMatchObject({ callType: 'passthrough', modelName: 'support-agent', status: 'success' });
    expect(traceUsage).toBeGreaterThan(0);
    expect(row!.promptTokens).toBe(traceUsage);
  });

  it('Retrieve, RetrieveAndGenerate and Rerank answer as Bedrock does', async () => {
    const client = agentRuntimeClient(fixture.endpoint, key);
    const retrieved = await client.send(
      new RetrieveCommand({ knowledgeBaseId: 'KB12345678', retrievalQuery: { text: 'refund policy' } }),
    );
    expect(retrieved.retrievalResults!.length).toBeGreaterThan(0);

    const generated = await client.send(
      new RetrieveAndGenerateCommand({
        input: { text: 'What is the refund policy?' },
        retrieveAndGenerateConfiguration: {
          type: 'KNOWLEDGE_BASE',
          knowledgeBaseConfiguration: {
            knowledgeBaseId: 'KB12345678',
            modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
          },
        },
      }),
    );
    expect(generated.output?.text).toBeTruthy();
    expect(generated.sessionId).toBeTruthy();

    const ranked = await client.send(
      new RerankCommand({
        queries: [{ type: 'TEXT', textQuery: { text: 'capital of France' } }],
        sources: ['Paris is the capital of France.', 'Cells have mitochondria.'].map((text) => ({
          type: 'INLINE',
          inlineDocumentSource: { type: 'TEXT', textDocument: { text } },
        })),
        rerankingConfiguration: {
          type: 'BEDROCK_RERANKING_MODEL',
          bedrockRerankingConfiguration: {
            numberOfResults: 2,
            modelConfiguration: {
              modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.rerank-v1:0',
            },
          },
        },
      }),
    );
    expect(ranked.results![0].index).toBe(0);
    const row = await fixture.spendRow(lastRequestId(client));
    expect(row).toMatchObject({ modelName: 'rerank-amazon', status: 'success' });
  });
});
