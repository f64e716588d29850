// The InvokeModel calls behind one embeddings request: JSON bodies in and out, at most a few in flight
// at once (Titan needs one call per input; a 2,048-input request must not open 2,048 sockets), answers
// kept in the request's order.
import { InvokeModelCommand, type BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { withCallSignal } from '../clients/call-signal';
import { invocationMetricsOf } from '../clients/invocation-metrics';
import type { EmbeddingAnswer } from './embeddings-response';
import type { EmbeddingPlan } from './embeddings-request';

/** Calls in flight at once for one request. */
export const EMBEDDING_CONCURRENCY = 8;

export async function invokeEmbeddings(
  runtime: BedrockRuntimeClient,
  modelId: string,
  plan: EmbeddingPlan,
  signal: AbortSignal,
): Promise<EmbeddingAnswer[]> {
  const answers = new Array<EmbeddingAnswer>(plan.calls.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < plan.calls.length && !signal.aborted && !failed) {
      const index = next++;
      const output = await sendOne(runtime, modelId, plan.calls[index].body, signal).catch((error) => {
        failed = true; // the others stop taking work: the request has failed
        throw error;
      });
      answers[index] = {
        body: JSON.parse(Buffer.from(output.body ?? new Uint8Array()).toString('utf8')),
        headerInputTokens: invocationMetricsOf(output)?.inputTokens,
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(EMBEDDING_CONCURRENCY, plan.calls.length) }, worker));
  signal.throwIfAborted();
  return answers;
}

function sendOne(runtime: BedrockRuntimeClient, modelId: string, body: object, signal: AbortSignal) {
  return runtime.send(
    new InvokeModelCommand(
      withCallSignal(
        {
          modelId,
          contentType: 'application/json',
          accept: 'application/json',
          body: JSON.stringify(body),
        },
        signal,
      ),
    ),
  );
}
