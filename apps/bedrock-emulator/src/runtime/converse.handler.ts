// Converse and ConverseStream (POST /model/{modelId}/converse[-stream]).
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../http/types';
import type { ModelOutcome } from '../model/conversation';
import { answerLeadingFaults } from '../service-support/request-faults';
import type { JsonRecord } from '../service-support/request-body';
import {
  converseMetadataEvent,
  converseStreamEvents,
  renderConverseResponse,
} from './converse/converse-response';
import { converseOutcome } from './model-answers';
import { streamModelEvents, type ModelStreamEvent } from './model-stream';
import { answerOptions } from './runtime-state';

export async function converse(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  const startedAt = Date.now();
  if (await answerLeadingFaults(context.faults, context, response, request.signal)) return;
  const { body, outcome } = converseOutcome(
    request.params.modelId,
    request.body,
    'converse',
    answerOptions(context),
  );
  response.json(renderConverseResponse(outcome, body, Date.now() - startedAt));
}

export async function converseStream(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  const startedAt = Date.now();
  if (await answerLeadingFaults(context.faults, context, response, request.signal, { streaming: true }))
    return;
  const { body, outcome } = converseOutcome(
    request.params.modelId,
    request.body,
    'converseStream',
    answerOptions(context),
  );
  const events = converseStreamEvents(outcome, body);
  const writer = response.eventStream();
  await streamModelEvents(writer, withMetadata(events, outcome, body, startedAt), context, request.signal);
}

/** The answer's events, then the metadata event, whose latency is read once the others went out. */
function* withMetadata(
  events: ModelStreamEvent[],
  outcome: ModelOutcome,
  body: JsonRecord,
  startedAt: number,
): Generator<ModelStreamEvent> {
  yield* events;
  yield {
    type: 'metadata',
    payload: converseMetadataEvent(outcome, body, Date.now() - startedAt),
    tokens: 0,
  };
}
