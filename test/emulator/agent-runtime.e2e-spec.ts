// bedrock-agent-runtime against the emulator, driven by the real SDK client over HTTP/2 (the
// client's default) and HTTP/1.1 (NodeHttpHandler).
import {
  BedrockAgentRuntimeClient,
  InvokeAgentCommand,
  RerankCommand,
  RetrieveAndGenerateCommand,
  RetrieveCommand,
  type InvokeAgentCommandOutput,
  type RerankCommandInput,
} from '@aws-sdk/client-bedrock-agent-runtime';

import { startEmulator } from '../../apps/bedrock-emulator/src/index';
import { agentRuntimeClient, type TransportName } from './service-clients';

type RunningEmulator = Awaited<ReturnType<typeof startEmulator>>;

let emulator: RunningEmulator;
const clients: BedrockAgentRuntimeClient[] = [];
let sequence = 0;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, batchStepMs: 5, batchMinRecords: 3 });
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await emulator?.close();
});

function client(
  transport: TransportName,
  extra: Parameters<typeof agentRuntimeClient>[2] = {},
): BedrockAgentRuntimeClient {
  const created = agentRuntimeClient(emulator.endpoint, transport, extra);
  clients.push(created);
  return created;
}

/** A session id no other test uses, so session state never leaks between tests. */
function newSessionId(): string {
  sequence += 1;
  return `session-${process.pid}-${sequence}`;
}

interface CollectedStream {
  text: string;
  chunkCount: number;
  attributions: unknown[];
  traces: Array<Record<string, any>>;
  returnControl?: { invocationId?: string; invocationInputs?: any[] };
}

async function collect(response: InvokeAgentCommandOutput): Promise<CollectedStream> {
  const collected: CollectedStream = { text: '', chunkCount: 0, attributions: [], traces: [] };
  const decoder = new TextDecoder();
  for await (const event of response.completion!) {
    if (event.chunk) {
      collected.chunkCount += 1;
      collected.text += decoder.decode(event.chunk.bytes);
      if (event.chunk.attribution) collected.attributions.push(event.chunk.attribution);
    }
    if (event.trace) collected.traces.push(event.trace as Record<string, any>);
    if (event.returnControl)
      collected.returnControl = event.returnControl as CollectedStream['returnControl'];
  }
  return collected;
}

function rerankInput(modelArn: string, numberOfResults?: number): RerankCommandInput {
  const documents = [
    'Berlin is in Germany.',
    'Paris is the capital of France.',
    'The capital city of Italy is Rome.',
  ];
  return {
    queries: [{ type: 'TEXT', textQuery: { text: 'What is the capital of France?' } }],
    sources: documents.map((text) => ({
      type: 'INLINE',
      inlineDocumentSource: { type: 'TEXT', textDocument: { text } },
    })),
    rerankingConfiguration: {
      type: 'BEDROCK_RERANKING_MODEL',
      bedrockRerankingConfiguration: { numberOfResults, modelConfiguration: { modelArn } },
    },
  };
}

const RERANK_ARN = 'arn:aws:bedrock:us-east-1::foundation-model/amazon.rerank-v1:0';

describe.each<TransportName>(['http2 (default handler)', 'http1 (NodeHttpHandler)'])(
  'agent runtime over %s',
  (transport) => {
    it('InvokeAgent streams an answer derived from the input, with the session and memory headers', async () => {
      const sessionId = newSessionId();
      const response = await client(transport).send(
        new InvokeAgentCommand({
          agentId: 'AGENT12345',
          agentAliasId: 'TSTALIASID',
          sessionId,
          memoryId: 'memory-1',
          inputText: 'What is the tallest mountain?',
        }),
      );
      expect(response.sessionId).toBe(sessionId);
      expect(response.memoryId).toBe('memory-1');
      expect(response.contentType).toBe('application/json');
      const collected = await collect(response);
      expect(collected.text).toContain('What is the tallest mountain?');
      expect(collected.traces).toEqual([]);
    });

    it('InvokeAgent with enableTrace reports orchestration usage and ISO timestamps', async () => {
      const inputText = 'Summarise the plan in one line.';
      const response = await client(transport).send(
        new InvokeAgentCommand({
          agentId: 'AGENT12345',
          agentAliasId: 'TSTALIASID',
          sessionId: newSessionId(),
          inputText,
          enableTrace: true,
        }),
      );
      const collected = await collect(response);
      const outputs = collected.traces
        .map((part) => part.trace?.orchestrationTrace?.modelInvocationOutput)
        .filter((output) => output !== undefined);
      expect(outputs).toHaveLength(1);
      expect(outputs[0].metadata.usage).toEqual({
        inputTokens: Math.ceil(inputText.length / 4),
        outputTokens: Math.ceil(collected.text.length / 4),
      });
      expect(outputs[0].metadata.startTime).toBeInstanceOf(Date);
      expect(collected.traces[0].eventTime).toBeInstanceOf(Date);
      expect(collected.traces[0]).toMatchObject({
        agentId: 'AGENT12345',
        agentAliasId: 'TSTALIASID',
        agentVersion: 'DRAFT',
      });
    });

    it('InvokeAgent streams the final response in several chunks when asked, with knowledge-base attribution', async () => {
      const response = await client(transport).send(
        new InvokeAgentCommand({
          agentId: 'AGENT12345',
          agentAliasId: 'ALIAS12345',
          sessionId: newSessionId(),
          inputText: 'Tell me about rerank models and documents',
          streamingConfigurations: { streamFinalResponse: true },
          sessionState: {
            knowledgeBaseConfigurations: [{ knowledgeBaseId: 'KB12345678', retrievalConfiguration: {} }],
          },
        }),
      );
      const collected = await collect(response);
      expect(collected.chunkCount).toBeGreaterThan(1);
      expect(collected.text).toContain('Tell me about rerank models and documents');
      const [attribution] = collected.attributions as any[];
      expect(attribution.citations[0].retrievedReferences[0].content.text).toMatch(/Rerank models order/);
    });

    it('InvokeAgent returns control for "call function" and answers with the results sent back', async () => {
      const runtime = client(transport);
      const sessionId = newSessionId();
      const first = await collect(
        await runtime.send(
          new InvokeAgentCommand({
            agentId: 'AGENT12345',
            agentAliasId: 'TSTALIASID',
            sessionId,
            inputText: 'Please call function to get the weather in Paris',
          }),
        ),
      );
      expect(first.text).toBe('');
      const invocation = first.returnControl!;
      const functionInput = invocation.invocationInputs![0].functionInvocationInput;
      expect(functionInput).toMatchObject({ actionGroup: 'EmulatorActions', function: 'lookup' });
      expect(functionInput.parameters[0].value).toContain('weather in Paris');

      const second = await collect(
        await runtime.send(
          new InvokeAgentCommand({
            agentId: 'AGENT12345',
            agentAliasId: 'TSTALIASID',
            sessionId,
            sessionState: {
              invocationId: invocation.invocationId,
              returnControlInvocationResults: [
                {
                  functionResult: {
                    actionGroup: functionInput.actionGroup,
                    function: functionInput.function,
                    responseBody: { TEXT: { body: 'Sunny and 21 degrees' } },
                  },
                },
              ],
            },
          }),
        ),
      );
      expect(second.returnControl).toBeUndefined();
      expect(second.text).toContain('Sunny and 21 degrees');
    });

    it('InvokeAgent on an agent whose id starts with RC always returns control', async () => {
      const collected = await collect(
        await client(transport).send(
          new InvokeAgentCommand({
            agentId: 'RCAGENT123',
            agentAliasId: 'TSTALIASID',
            sessionId: newSessionId(),
            inputText: 'hi',
          }),
        ),
      );
      expect(collected.returnControl?.invocationId).toEqual(expect.any(String));
    });

    it('InvokeAgent mid-stream fault delivers a chunk, then throws ThrottlingException', async () => {
      const response = await client(transport).send(
        new InvokeAgentCommand({
          agentId: 'AGENT12345~midstream',
          agentAliasId: 'TSTALIASID',
          sessionId: newSessionId(),
          inputText: 'A question that will be cut off',
        }),
      );
      const decoder = new TextDecoder();
      let received = '';
      let failure: unknown;
      try {
        for await (const event of response.completion!) {
          if (event.chunk) received += decoder.decode(event.chunk.bytes);
        }
      } catch (error) {
        failure = error;
      }
      expect(received.length).toBeGreaterThan(0);
      expect(failure).toMatchObject({ name: 'ThrottlingException' });
    });

    it('InvokeAgent throttled by the x-emulator-fault header fails once with maxAttempts 1', async () => {
      const throttled = client(transport, { maxAttempts: 1, faultHeader: 'throttle' });
      const failure = await throttled
        .send(
          new InvokeAgentCommand({
            agentId: 'AGENT12345',
            agentAliasId: 'TSTALIASID',
            sessionId: newSessionId(),
            inputText: 'hi',
          }),
        )
        .catch((error: unknown) => error);
      expect(failure).toMatchObject({
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 429, attempts: 1 },
      });
    });

    it('InvokeAgent retries throttle:2 and succeeds on the third attempt', async () => {
      const response = await client(transport).send(
        new InvokeAgentCommand({
          agentId: `AGENT12345~throttle:2,nonce:${newSessionId()}`,
          agentAliasId: 'TSTALIASID',
          sessionId: newSessionId(),
          inputText: 'persistent question',
        }),
      );
      expect(response.$metadata.attempts).toBe(3);
      expect((await collect(response)).text).toContain('persistent question');
    });

    it('InvokeAgent on NOTFOUND00 is ResourceNotFoundException; a malformed id is ValidationException', async () => {
      const runtime = client(transport, { maxAttempts: 1 });
      await expect(
        runtime.send(
          new InvokeAgentCommand({
            agentId: 'NOTFOUND00',
            agentAliasId: 'TSTALIASID',
            sessionId: newSessionId(),
            inputText: 'x',
          }),
        ),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
      await expect(
        runtime.send(
          new InvokeAgentCommand({
            agentId: 'short',
            agentAliasId: 'TSTALIASID',
            sessionId: newSessionId(),
            inputText: 'x',
          }),
        ),
      ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining("'agentId'") });
    });

    it('Retrieve ranks passages by overlap with the query and honours numberOfResults', async () => {
      const response = await client(transport).send(
        new RetrieveCommand({
          knowledgeBaseId: 'KB12345678',
          retrievalQuery: { text: 'batch inference jobs read JSONL records' },
          retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: 2 } },
        }),
      );
      const results = response.retrievalResults!;
      expect(results).toHaveLength(2);
      expect(results[0].content?.text).toMatch(/^Batch inference jobs/);
      expect(results[0].score!).toBeGreaterThanOrEqual(results[1].score!);
      expect(results[0].location?.s3Location?.uri).toMatch(/^s3:\/\/.+KB12345678/);
    });

    it('RetrieveAndGenerate answers from the best passage and cites it', async () => {
      const response = await client(transport).send(
        new RetrieveAndGenerateCommand({
          input: { text: 'How do guardrails filter harmful content?' },
          retrieveAndGenerateConfiguration: {
            type: 'KNOWLEDGE_BASE',
            knowledgeBaseConfiguration: {
              knowledgeBaseId: 'KB12345678',
              modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
            },
          },
        }),
      );
      expect(response.sessionId).toEqual(expect.any(String));
      expect(response.output?.text).toContain('Guardrails filter harmful content');
      expect(response.citations?.[0].retrievedReferences?.[0].content?.text).toMatch(/^Guardrails/);
    });

    it('Rerank sorts sources by word overlap and honours numberOfResults', async () => {
      const response = await client(transport).send(new RerankCommand(rerankInput(RERANK_ARN, 2)));
      expect(response.results!.map((result) => result.index)).toEqual([1, 2]);
      expect(response.results![0].relevanceScore).toBeGreaterThan(response.results![1].relevanceScore!);
      expect(response.results![0].document?.textDocument?.text).toBe('Paris is the capital of France.');
    });

    it('Rerank refuses a model that is not a rerank model, and a throttle fault on the model ARN', async () => {
      const runtime = client(transport, { maxAttempts: 1 });
      await expect(
        runtime.send(
          new RerankCommand(
            rerankInput('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0'),
          ),
        ),
      ).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(
        runtime.send(
          new RerankCommand(rerankInput('arn:aws:bedrock:us-east-1::foundation-model/acme.rerank-v9:0')),
        ),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      await expect(
        runtime.send(new RerankCommand(rerankInput(`${RERANK_ARN}~throttle`))),
      ).rejects.toMatchObject({
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 429 },
      });
    });
  },
);
