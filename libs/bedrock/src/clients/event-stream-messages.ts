// Splits an event-stream response body (application/vnd.amazon.eventstream) into whole messages as bytes
// arrive. Each message starts with its total length (4 bytes, big-endian), so framing needs no parsing;
// the SDK's codec decodes and checks each message afterwards (lean-event-stream-marshaller.ts).
//
// It reads the body through 'data' events rather than the stream's async iterator, which costs a
// promise per chunk, and it yields views into the received chunks instead of copies. Memory stays
// bounded: a message over `maxMessageBytes` fails the stream (DESIGN §7: frames have size caps), and
// the body is paused while more than QUEUE_HIGH_WATER_BYTES of messages wait for a slow consumer (a
// client that reads its SSE slowly), so the upstream socket applies backpressure to Bedrock.
import type { Readable } from 'node:stream';

/** The largest event message accepted; Bedrock's events (text deltas, tool input, usage) are far smaller. */
export const MAX_EVENT_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Prelude (total length, headers length, prelude CRC) plus the message CRC: the smallest possible message. */
const MINIMUM_MESSAGE_BYTES = 16;

const QUEUE_HIGH_WATER_BYTES = 1024 * 1024;

export async function* eventStreamMessages(
  body: Readable,
  maxMessageBytes = MAX_EVENT_MESSAGE_BYTES,
): AsyncGenerator<Uint8Array, void, undefined> {
  const splitter = new MessageSplitter(maxMessageBytes);
  let ready: Uint8Array[] = [];
  let queuedBytes = 0;
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const onData = (chunk: Buffer) => {
    try {
      queuedBytes += splitter.push(chunk, ready);
    } catch (error) {
      failure ??= error;
    }
    if (failure !== undefined || queuedBytes > QUEUE_HIGH_WATER_BYTES) body.pause();
    notify();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  const onError = (error: Error) => {
    failure ??= error;
    notify();
  };
  // A body closed without 'end' or 'error' (a dropped connection) must not leave the reader waiting.
  const onClose = () => {
    if (!ended) failure ??= new Error('The event stream closed before its end');
    notify();
  };
  body.on('data', onData);
  body.on('end', onEnd);
  body.on('error', onError);
  body.on('close', onClose);
  try {
    for (;;) {
      if (ready.length > 0) {
        const batch = ready;
        ready = [];
        queuedBytes = 0;
        for (const message of batch) yield message;
        if (failure === undefined && body.isPaused()) body.resume();
        continue;
      }
      if (failure !== undefined) throw failure;
      if (ended) {
        splitter.assertComplete();
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    body.off('data', onData);
    body.off('end', onEnd);
    body.off('error', onError);
    body.off('close', onClose);
    // Stopped early (consumer gone, or a failure): the rest of the body is not wanted.
    if (!ended) body.destroy();
  }
}

/** Cuts a byte sequence into length-prefixed messages, keeping an incomplete tail for the next chunk. */
export class MessageSplitter {
  private tail: Uint8Array | undefined;

  constructor(private readonly maxMessageBytes: number) {}

  /** Appends every message completed by `chunk` to `messages`; returns their total size in bytes. */
  push(chunk: Uint8Array, messages: Uint8Array[]): number {
    const bytes = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    this.tail = undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = 0;
    let completed = 0;
    while (bytes.byteLength - offset >= 4) {
      const length = view.getUint32(offset, false);
      if (length < MINIMUM_MESSAGE_BYTES || length > this.maxMessageBytes) {
        throw new Error(
          `Event stream message of ${length} bytes is outside the accepted ${MINIMUM_MESSAGE_BYTES}–${this.maxMessageBytes} bytes`,
        );
      }
      if (bytes.byteLength - offset < length) break;
      messages.push(bytes.subarray(offset, offset + length));
      offset += length;
      completed += length;
    }
    if (offset < bytes.byteLength) this.tail = bytes.subarray(offset);
    return completed;
  }

  /** Throws when the body ended inside a message. */
  assertComplete(): void {
    if (this.tail) throw new Error('Truncated event message received.');
  }
}
