// A Claude stream relayed as Anthropic sends it: each event Bedrock delivers goes out as
// `event: <type>` / `data: <json>` with nothing reshaped but the public model name in message_start
// (and the ping Anthropic sends after it). A failure after the first byte ends the stream with
// Anthropic's `event: error`.
import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import {
  ConverseToAnthropicStream,
  outputCharactersOf,
  type AnthropicBody,
  type AnthropicStreamReader,
} from '@quarry/bedrock';
import type { OpenAIError } from '@quarry/openai';
import type { EmitFrame, StreamRelay } from '../../invocation/invocation';
import { anthropicErrorEvent } from '../../platform/errors/anthropic-error';
import { estimatedUsage } from './messages-usage';

const PING = sseEvent({ type: 'ping' });

export class AnthropicStreamRelay implements StreamRelay {
  constructor(
    private readonly reader: AnthropicStreamReader,
    private readonly model: string,
    private readonly body: AnthropicBody,
  ) {}

  async run(emit: EmitFrame): Promise<void> {
    for await (const { event, data } of this.reader.events()) {
      const isStart =
        event.type === 'message_start' && typeof event.message === 'object' && event.message !== null;
      if (isStart) (event.message as AnthropicBody).model = this.model;
      // Bedrock's own (single-line) text goes out unless the event was changed: no second serialisation
      // per delta.
      const asSent = data !== undefined && !isStart && !data.includes('\n');
      const frame = asSent ? `event: ${String(event.type)}\ndata: ${data}\n\n` : sseEvent(event);
      const backpressure = emit(frame, outputCharactersOf(event));
      if (backpressure) await backpressure;
      // Anthropic's API pings right after message_start; Bedrock's stream does not carry it.
      if (event.type === 'message_start') await emit(PING, 0);
    }
  }

  failureFrames(error: OpenAIError): readonly string[] {
    return [anthropicErrorEvent(error)];
  }

  usage(streamedCharacters: number) {
    return this.reader.usageReceived ? this.reader.usage : estimatedUsage(this.body, streamedCharacters);
  }
}

export function sseEvent(event: AnthropicBody): string {
  return `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** A Converse stream (models other than Claude) relayed as Anthropic's events. */
export class ConverseMessagesRelay implements StreamRelay {
  private readonly translator: ConverseToAnthropicStream;

  constructor(
    private readonly events: AsyncIterable<ConverseStreamOutput>,
    model: string,
    private readonly body: AnthropicBody,
  ) {
    this.translator = new ConverseToAnthropicStream(model);
  }

  async run(emit: EmitFrame): Promise<void> {
    for await (const event of this.events) await emitAll(emit, this.translator.translate(event));
    await emitAll(emit, this.translator.finish());
  }

  failureFrames(error: OpenAIError): readonly string[] {
    return [anthropicErrorEvent(error)];
  }

  usage(streamedCharacters: number) {
    return this.translator.usage ?? estimatedUsage(this.body, streamedCharacters);
  }
}

async function emitAll(emit: EmitFrame, events: readonly AnthropicBody[]): Promise<void> {
  for (const event of events) {
    const backpressure = emit(sseEvent(event), outputCharactersOf(event));
    if (backpressure) await backpressure;
  }
}
