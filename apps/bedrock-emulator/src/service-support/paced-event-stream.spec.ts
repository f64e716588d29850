import type { EmulatorOptions, EventStreamWriter, FaultSpec } from '../http/types';
import { streamPacedEvents, type PacedEvent } from './paced-event-stream';

/** Records what a handler writes; `closeAfter` plays a client that leaves after that many events. */
class RecordingWriter implements EventStreamWriter {
  readonly written: Array<{ kind: 'event' | 'exception'; type: string; at: number }> = [];
  ended = false;
  constructor(private readonly closeAfter = Infinity) {}
  get closed(): boolean {
    return this.ended || this.written.length >= this.closeAfter;
  }
  event(type: string): void {
    this.written.push({ kind: 'event', type, at: Date.now() });
  }
  exception(type: string): void {
    this.written.push({ kind: 'exception', type, at: Date.now() });
  }
  end(): void {
    this.ended = true;
  }
}

const options = { tokensPerSecond: 0 } as EmulatorOptions;
const events = (count: number, tokens = 0): PacedEvent[] =>
  Array.from({ length: count }, (_, index) => ({ type: `e${index}`, payload: {}, tokens }));
const midstream = { afterEvents: 2, exceptionType: 'modelStreamErrorException', payload: {} };

async function play(faults: FaultSpec, writer = new RecordingWriter(), count = 5, tokens = 0) {
  const startedAt = Date.now();
  await streamPacedEvents(
    writer,
    events(count, tokens),
    faults,
    options,
    new AbortController().signal,
    midstream,
  );
  return { writer, startedAt, elapsed: Date.now() - startedAt };
}

describe('streamPacedEvents', () => {
  it('writes every event in order and ends the stream', async () => {
    const { writer } = await play({});
    expect(writer.written.map((entry) => entry.type)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(writer.ended).toBe(true);
  });

  it('holds the first event back by a slow-first-byte fault', async () => {
    const { writer, startedAt } = await play({ kind: 'slow-first-byte', latencyMs: 60 });
    expect(writer.written[0].at - startedAt).toBeGreaterThanOrEqual(55);
  });

  it('paces output tokens at the fault rate, the last event included', async () => {
    const { elapsed } = await play({ tokensPerSecond: 100 }, new RecordingWriter(), 3, 2);
    expect(elapsed).toBeGreaterThanOrEqual(55); // 6 tokens at 100 per second
  });

  it('cuts the stream with the operation exception under a midstream fault', async () => {
    const { writer } = await play({ kind: 'midstream' });
    expect(writer.written.map((entry) => `${entry.kind}:${entry.type}`)).toEqual([
      'event:e0',
      'event:e1',
      'exception:modelStreamErrorException',
    ]);
    expect(writer.ended).toBe(true);
  });

  it('stops writing, without ending, once the client has gone', async () => {
    const { writer } = await play({}, new RecordingWriter(2));
    expect(writer.written).toHaveLength(2);
    expect(writer.ended).toBe(false);
  });
});
