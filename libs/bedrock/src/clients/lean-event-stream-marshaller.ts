// The bedrock-runtime client's event-stream marshaller (the SDK's `eventStreamSerdeProvider` setting),
// for ConverseStream and InvokeModelWithResponseStream responses. Each message is still decoded and
// checked by the SDK's EventStreamCodec and turned into an event, exception or error by the SDK's own
// message unmarshaller and schema deserializer; what changes is the plumbing between the socket and
// them. The SDK's default chains four async generators per message (body iterator → length framing →
// decoding → unmarshalling), each a promise round per event; this reads the body with
// eventStreamMessages() and decodes in one generator: ≈ 60–120 µs less CPU per 28-event stream
// (`node bench/sdk-call-cost.mjs`). Anything that is not a Node stream, and serialization (request
// event streams), go to the SDK's marshaller.
import { Readable } from 'node:stream';
import {
  EventStreamCodec,
  eventStreamSerdeProvider,
  getMessageUnmarshaller,
} from '@smithy/core/event-streams';
import type { Decoder, Encoder, EventStreamMarshaller, Message } from '@smithy/types';
import { eventStreamMessages } from './event-stream-messages';

export interface EventStreamSerdeOptions {
  utf8Encoder: Encoder;
  utf8Decoder: Decoder;
}

export function leanEventStreamSerdeProvider(options: EventStreamSerdeOptions): EventStreamMarshaller {
  const sdkMarshaller = eventStreamSerdeProvider(options);
  const codec = new EventStreamCodec(options.utf8Encoder, options.utf8Decoder);
  return {
    deserialize<T>(body: unknown, deserializer: (input: Record<string, Message>) => Promise<T>) {
      if (!(body instanceof Readable)) return sdkMarshaller.deserialize(body, deserializer);
      // The SDK's deserializer always returns an object (its type parameter is only unconstrained here).
      const unmarshal = getMessageUnmarshaller(
        deserializer as (input: Record<string, Message>) => Promise<Record<string, unknown>>,
        options.utf8Encoder,
      ) as (message: Message) => Promise<T | undefined>;
      return decodedEvents(body, codec, unmarshal);
    },
    serialize: (input, serializer) => sdkMarshaller.serialize(input, serializer),
  };
}

async function* decodedEvents<T>(
  body: Readable,
  codec: EventStreamCodec,
  unmarshal: (message: Message) => Promise<T | undefined>,
): AsyncGenerator<T, void, undefined> {
  for await (const bytes of eventStreamMessages(body)) {
    // Exceptions (modelStreamErrorException, throttlingException, …) are thrown here, typed by the SDK.
    const event = await unmarshal(codec.decode(bytes));
    if (event !== undefined) yield event;
  }
}
