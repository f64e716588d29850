// The bedrock-runtime client's protocol (the SDK's `protocol` setting): the SDK's restJson1 protocol,
// with its event-stream support built once instead of on every streamed response. The SDK calls
// `require('@smithy/core/event-streams')` and builds a new EventStreamSerde for each response, and that
// require is a full module resolution each time (Node only caches a resolution for the module that first
// loaded the file): ≈ 55 µs of CPU per ConverseStream call. The EventStreamSerde holds only the protocol's
// own shared serializer, deserializer and marshaller, so one per protocol is equivalent.
import { AwsRestJsonProtocol } from '@aws-sdk/core/protocols';
import type { EventStreamSerde } from '@smithy/core/event-streams';

export class RuntimeRestJsonProtocol extends AwsRestJsonProtocol {
  private eventStreamCapability: Promise<EventStreamSerde> | undefined;

  protected override loadEventStreamCapability(): Promise<EventStreamSerde> {
    this.eventStreamCapability ??= super.loadEventStreamCapability();
    return this.eventStreamCapability;
  }
}
