// InvokeModel and InvokeModelWithResponseStream (POST /model/{modelId}/invoke[-with-response-stream]).
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../http/types';
import { answerLeadingFaults } from '../service-support/request-faults';
import {
  answerInvokeModel,
  answerInvokeModelStream,
  type AnswerOptions,
  type StreamAnswer,
} from './model-answers';
import { streamModelEvents, type ModelStreamEvent } from './model-stream';
import { answerOptions } from './runtime-state';

function invokeOptions(request: EmulatorRequest, context: EmulatorContext): AnswerOptions {
  return answerOptions(context, {
    guardrail: request.headers['x-amzn-bedrock-guardrailidentifier'] !== undefined,
  });
}

/** Headers Bedrock echoes back: the performance tier and service tier the request asked for. */
function echoedHeaders(request: EmulatorRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  const latency = request.headers['x-amzn-bedrock-performanceconfig-latency'];
  if (typeof latency === 'string') headers['x-amzn-bedrock-performanceconfig-latency'] = latency;
  const tier = request.headers['x-amzn-bedrock-service-tier'];
  if (typeof tier === 'string') headers['x-amzn-bedrock-service-tier'] = tier;
  return headers;
}

export async function invokeModel(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  const startedAt = Date.now();
  if (await answerLeadingFaults(context.faults, context, response, request.signal)) return;
  const answer = answerInvokeModel(request.params.modelId, request.body, invokeOptions(request, context));
  if (!answer.ok) {
    response.error(answer.status, answer.errorType, answer.message);
    return;
  }
  const headers: Record<string, string> = {
    ...echoedHeaders(request),
    'x-amzn-bedrock-input-token-count': String(answer.inputTokens),
    'x-amzn-bedrock-output-token-count': String(answer.outputTokens),
    'x-amzn-bedrock-invocation-latency': String(Date.now() - startedAt),
  };
  if (answer.cacheReadInputTokens !== undefined) {
    headers['x-amzn-bedrock-cache-read-input-token-count'] = String(answer.cacheReadInputTokens);
    headers['x-amzn-bedrock-cache-write-input-token-count'] = String(answer.cacheWriteInputTokens ?? 0);
  }
  response.raw(JSON.stringify(answer.body), 'application/json', headers);
}

export async function invokeModelWithResponseStream(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  const startedAt = Date.now();
  if (await answerLeadingFaults(context.faults, context, response, request.signal, { streaming: true }))
    return;
  const answer = answerInvokeModelStream(
    request.params.modelId,
    request.body,
    invokeOptions(request, context),
  );
  if (!answer.ok) {
    response.error(answer.status, answer.errorType, answer.message);
    return;
  }
  const writer = response.eventStream({
    ...echoedHeaders(request),
    'x-amzn-bedrock-content-type': 'application/json',
  });
  await streamModelEvents(writer, chunkEvents(answer, startedAt), context, request.signal);
}

/** The native chunks as `chunk` events; the last one carries the invocation metrics, read as it goes out. */
function* chunkEvents(
  answer: Extract<StreamAnswer, { ok: true }>,
  startedAt: number,
): Generator<ModelStreamEvent> {
  let firstByteLatency = 0;
  for (const [index, { chunk, tokens }] of answer.chunks.entries()) {
    if (index === 0) firstByteLatency = Date.now() - startedAt;
    const last = index === answer.chunks.length - 1;
    const native = last
      ? {
          ...chunk,
          'amazon-bedrock-invocationMetrics': {
            inputTokenCount: answer.inputTokens,
            outputTokenCount: answer.outputTokens,
            invocationLatency: Date.now() - startedAt,
            firstByteLatency,
            ...(answer.cacheReadInputTokens !== undefined
              ? {
                  cacheReadInputTokenCount: answer.cacheReadInputTokens,
                  cacheWriteInputTokenCount: answer.cacheWriteInputTokens,
                }
              : {}),
          },
        }
      : chunk;
    yield {
      type: 'chunk',
      payload: { bytes: Buffer.from(JSON.stringify(native)).toString('base64') },
      tokens,
    };
  }
}
