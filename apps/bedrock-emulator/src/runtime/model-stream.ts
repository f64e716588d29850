// bedrock-runtime's streams (ConverseStream, InvokeModelWithResponseStream) on the shared paced event
// stream: Bedrock's padding field on every event, and its mid-stream failure mode.
import type { EmulatorContext, EventStreamWriter } from '../http/types';
import {
  streamPacedEvents,
  type MidstreamFailure,
  type PacedEvent,
} from '../service-support/paced-event-stream';

/** Under a `midstream` fault a runtime stream sends three events, then modelStreamErrorException. */
const MIDSTREAM_FAILURE: MidstreamFailure = {
  afterEvents: 3,
  exceptionType: 'modelStreamErrorException',
  payload: {
    message:
      'The model stream failed: an error occurred while the model was generating (emulator midstream fault).',
    originalStatusCode: 500,
    originalMessage: 'Internal model error.',
  },
};

export interface ModelStreamEvent extends PacedEvent {
  payload: Record<string, unknown>;
}

export function streamModelEvents(
  writer: EventStreamWriter,
  events: Iterable<ModelStreamEvent>,
  context: EmulatorContext,
  signal: AbortSignal,
): Promise<void> {
  return streamPacedEvents(
    writer,
    padded(events),
    context.faults,
    context.options,
    signal,
    MIDSTREAM_FAILURE,
  );
}

/** Real Bedrock pads stream events with a random-length "p" field; the emulator's is deterministic. */
function* padded(events: Iterable<ModelStreamEvent>): Generator<ModelStreamEvent> {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let index = 0;
  for (const event of events) {
    const p = letters.slice(0, 1 + ((index++ * 7) % letters.length));
    yield { ...event, payload: { ...event.payload, p } };
  }
}
