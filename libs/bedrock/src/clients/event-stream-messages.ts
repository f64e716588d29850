// Splits an event-stream response body (application/vnd.amazon.eventstream) into whole messages as bytes
// arrive. Each message starts with its total length (4 bytes, big-endian), so framing needs no parsing;
// the SDK's codec decodes and checks each message afterwards (lean-event-stream-marshaller.ts).
//
// It pulls chunks with read() on 'readable' instead of going through the stream's async iterator, which
// costs a promise per chunk, and yields views into the received chunks instead of copies. Pulling keeps
// the stream's own backpressure: nothing is read ahead of the consumer (a client reading its SSE slowly
// slows the Bedrock socket), and a request destroyed mid-stream surfaces as an error rather than as an
// early, clean end. A message over `maxMessageBytes` fails the stream (DESIGN §7: frames have size caps).
import type { Readable } from 'node:stream';

/** The largest event message accepted; Bedrock's events (text deltas, tool input, usage) are far smaller. */
export const MAX_EVENT_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Prelude (total length, headers length, prelude CRC) plus the message CRC: the smallest possible message. */
const MINIMUM_MESSAGE_BYTES = 16;

export async function* eventStreamMessages(
  body: Readable,
  maxMessageBytes = MAX_EVENT_MESSAGE_BYTES,
): AsyncGenerator<Uint8Array, void, undefined> {
  const splitter = new MessageSplitter(maxMessageBytes);
  let ended = body.readableEnded;
  // A body destroyed before we looked (it cannot end cleanly any more) must not leave the reader waiting.
  let failure: unknown = !ended && body.destroyed ? (body.errored ?? prematureClose()) : undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  const onError = (error: Error) => {
    failure ??= error;
    notify();
  };
  const onClose = () => {
    if (!ended) failure ??= prematureClose();
    notify();
  };
  body.on('readable', notify);
  body.on('end', onEnd);
  body.on('error', onError);
  body.on('close', onClose);
  try {
    const messages: Uint8Array[] = [];
    for (;;) {
      // Read only while nothing is waiting to be yielded: what stays unread keeps the socket paused.
      while (messages.length === 0 && failure === undefined) {
        const chunk = body.read() as Buffer | null;
        if (chunk === null) break;
        splitter.push(chunk, messages);
      }
      if (messages.length > 0) {
        for (const message of messages.splice(0)) yield message;
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
    body.off('readable', notify);
    body.off('end', onEnd);
    body.off('error', onError);
    body.off('close', onClose);
    // Stopped early (consumer gone, or a failure): the rest of the body is not wanted.
    if (!ended) body.destroy();
  }
}

/** What Node's own stream helpers report for a stream that closed before its end; retryable upstream. */
function prematureClose(): Error {
  return Object.assign(new Error('The event stream closed before its end'), {
    code: 'ERR_STREAM_PREMATURE_CLOSE',
  });
}

/**
 * Cuts a byte sequence into length-prefixed messages. An incomplete message is kept as pieces and joined
 * once it is whole, so a large message arriving in many small reads is copied once, not once per read.
 */
export class MessageSplitter {
  private pieces: Uint8Array[] = [];
  private pendingBytes = 0;
  /** Bytes the pending pieces must reach before there is something to cut: a length prefix, then its message. */
  private neededBytes = 4;

  constructor(private readonly maxMessageBytes: number) {}

  /** Appends every message completed by `chunk` to `messages`. */
  push(chunk: Uint8Array, messages: Uint8Array[]): void {
    let bytes = chunk;
    if (this.pendingBytes > 0) {
      this.pieces.push(chunk);
      this.pendingBytes += chunk.byteLength;
      if (this.pendingBytes < this.neededBytes) return;
      bytes = Buffer.concat(this.pieces, this.pendingBytes);
      this.pieces = [];
      this.pendingBytes = 0;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = 0;
    this.neededBytes = 4;
    while (bytes.byteLength - offset >= 4) {
      const length = view.getUint32(offset, false);
      if (length < MINIMUM_MESSAGE_BYTES || length > this.maxMessageBytes) {
        throw new Error(
          `Event stream message of ${length} bytes is outside the accepted ${MINIMUM_MESSAGE_BYTES}–${this.maxMessageBytes} bytes`,
        );
      }
      if (bytes.byteLength - offset < length) {
        this.neededBytes = length;
        break;
      }
      messages.push(bytes.subarray(offset, offset + length));
      offset += length;
    }
    if (offset < bytes.byteLength) {
      this.pieces = [bytes.subarray(offset)];
      this.pendingBytes = bytes.byteLength - offset;
    }
  }

  /** Throws when the body ended inside a message. */
  assertComplete(): void {
    if (this.pendingBytes > 0) throw new Error('Truncated event message received.');
  }
}
