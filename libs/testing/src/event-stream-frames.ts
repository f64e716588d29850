// AWS event-stream frames for specs that play Bedrock over a plain HTTP server. Encoded with the AWS
// SDK's own codec (@smithy/eventstream-codec), the reference the clients decode with, so a spec
// checks the gateway's reader against the SDK's framing rather than against the emulator's writer.
import { EventStreamCodec } from '@smithy/eventstream-codec';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();
const codec = new EventStreamCodec(
  (bytes) => utf8Decoder.decode(bytes),
  (text) => utf8Encoder.encode(text),
);

/**
 * One frame as Bedrock sends it: `:message-type` event or exception, the event or exception type
 * (for exceptions, the camelCase union member the SDK models, such as `throttlingException`), and a
 * JSON payload.
 */
export function encodeEventFrame(
  messageType: 'event' | 'exception',
  type: string,
  payload: unknown,
): Uint8Array {
  const typeHeader = messageType === 'event' ? ':event-type' : ':exception-type';
  return codec.encode({
    headers: {
      [typeHeader]: { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: messageType },
    },
    body: utf8Encoder.encode(JSON.stringify(payload)),
  });
}

/** The JSON payload of one whole frame, decoded (and its checksums verified) by the SDK's codec. */
export function decodeEventFramePayload(frame: Uint8Array): unknown {
  return JSON.parse(utf8Decoder.decode(codec.decode(frame).body));
}
