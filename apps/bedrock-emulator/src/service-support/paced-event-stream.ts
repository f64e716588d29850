// Sends a model's output on an open event stream the way the request's faults say: the first event
// waits out a slow-first-byte fault (the headers went out at once), events are paced at the request's
// tokens per second (else the emulator default), a `stall:MS` fault goes silent after the first event
// with output, and an operation with a mid-stream failure mode cuts the stream under a `midstream` fault.
// Shared by ConverseStream, InvokeModelWithResponseStream and InvokeAgent.
import type { EmulatorOptions, EventStreamWriter, FaultSpec } from '../http/types';
import { sleep } from './request-faults';

/** One event and the output tokens it carries, which set how long the stream takes over it. */
export interface PacedEvent {
  type: string;
  payload: unknown;
  tokens: number;
}

/** How an operation fails mid-stream: after `afterEvents` events, this exception event ends the stream. */
export interface MidstreamFailure {
  afterEvents: number;
  exceptionType: string;
  payload: Record<string, unknown>;
}

/** Spaces events out so output tokens arrive at `tokensPerSecond` (0 = as fast as possible). */
export class StreamPacer {
  private readonly startedAt = Date.now();
  private tokens = 0;

  constructor(
    private readonly tokensPerSecond: number,
    private readonly signal: AbortSignal,
  ) {}

  async after(tokens: number): Promise<void> {
    if (!this.tokensPerSecond || tokens <= 0) return;
    this.tokens += tokens;
    const dueAt = this.startedAt + (this.tokens / this.tokensPerSecond) * 1000;
    await sleep(dueAt - Date.now(), this.signal);
  }
}

/**
 * Writes the events (each produced only when it is due, so it may read the clock) and ends the stream;
 * stops without a word once the client has gone.
 */
export async function streamPacedEvents(
  writer: EventStreamWriter,
  events: Iterable<PacedEvent>,
  faults: FaultSpec,
  options: EmulatorOptions,
  signal: AbortSignal,
  midstreamFailure?: MidstreamFailure,
): Promise<void> {
  if (faults.kind === 'slow-first-byte') await sleep(faults.latencyMs ?? 0, signal);
  const pacer = new StreamPacer(faults.tokensPerSecond ?? options.tokensPerSecond, signal);
  let sent = 0;
  let stalled = false;
  for (const event of events) {
    if (writer.closed || signal.aborted) return;
    if (faults.kind === 'midstream' && midstreamFailure && sent === midstreamFailure.afterEvents) {
      writer.exception(midstreamFailure.exceptionType, midstreamFailure.payload);
      writer.end();
      return;
    }
    writer.event(event.type, event.payload);
    sent++;
    if (faults.stallMs && !stalled && event.tokens > 0) {
      stalled = true;
      await sleep(faults.stallMs, signal);
    }
    await pacer.after(event.tokens);
  }
  writer.end();
}
