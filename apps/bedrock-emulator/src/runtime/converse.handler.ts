// Converse and ConverseStream (POST /model/{modelId}/converse[-stream]).
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../http/types';
import {
  converseMetadataEvent,
  converseStreamEvents,
  renderConverseResponse,
} from './converse/converse-response';
import { converseOutcome } from './model-answers';
import {
  answerLeadingFaults,
  firstEventDelayMs,
  MIDSTREAM_EVENTS_BEFORE_FAILURE,
  MIDSTREAM_EXCEPTION,
  padding,
  sleep,
  StreamPacer,
} from './runtime-faults';
import { answerOptions } from './runtime-state';

export async function converse(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  const startedAt = Date.now();
  if (await answerLeadingFaults(context, response, request.signal, false)) return;
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
  if (await answerLeadingFaults(context, response, request.signal, true)) return;
  const { body, outcome } = converseOutcome(
    request.params.modelId,
    request.body,
    'converseStream',
    answerOptions(context),
  );
  const events = converseStreamEvents(outcome, body);
  const writer = response.eventStream();
  await sleep(firstEventDelayMs(context.faults), request.signal);
  const pacer = new StreamPacer(
    context.faults.tokensPerSecond ?? context.options.tokensPerSecond,
    request.signal,
  );
  for (const [index, event] of events.entries()) {
    if (writer.closed) return;
    if (context.faults.kind === 'midstream' && index === MIDSTREAM_EVENTS_BEFORE_FAILURE) {
      writer.exception('modelStreamErrorException', MIDSTREAM_EXCEPTION);
      writer.end();
      return;
    }
    writer.event(event.type, { ...event.payload, p: padding(index) });
    await pacer.after(event.tokens);
  }
  writer.event('metadata', {
    ...converseMetadataEvent(outcome, body, Date.now() - startedAt),
    p: padding(events.length),
  });
  writer.end();
}
