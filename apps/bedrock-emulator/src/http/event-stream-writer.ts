// AWS event-stream framing over an open HTTP response (bedrock-wire.md §8): one binary frame per
// event, written as soon as it is produced so streaming latency is visible to the client.
import { EventStreamCodec } from '@smithy/eventstream-codec';
import type { EventStreamWriter } from './types';

const toUtf8 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
const fromUtf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const codec = new EventStreamCodec(toUtf8, fromUtf8);

export function encodeEventFrame(
  messageType: 'event' | 'exception',
  typeName: string,
  payload: unknown,
): Uint8Array {
  const typeHeader = messageType === 'event' ? ':event-type' : ':exception-type';
  return codec.encode({
    headers: {
      [typeHeader]: { type: 'string', value: typeName },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: messageType },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

export interface FrameSink {
  write(frame: Uint8Array): void;
  end(): void;
  /** True once the response finished or the client went away. */
  isClosed(): boolean;
}

export class FramedEventStreamWriter implements EventStreamWriter {
  private ended = false;

  constructor(private readonly sink: FrameSink) {}

  get closed(): boolean {
    return this.ended || this.sink.isClosed();
  }

  event(type: string, payload: unknown): void {
    if (!this.closed) this.sink.write(encodeEventFrame('event', type, payload));
  }

  /** `type` must be the camelCase union member (`throttlingException`), or the SDK cannot model it. */
  exception(type: string, payload: Record<string, unknown>): void {
    if (!this.closed) this.sink.write(encodeEventFrame('exception', type, payload));
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.sink.end();
  }
}
