// Reads the usage of a passthrough answer while its bytes go by, without holding them back: event
// streams are cut into messages (each observed once it is whole), a unary model answer is kept (up to a
// bound) and read at its end, and InvokeModel's token-count headers are read before the body.
import {
  EventStreamUsage,
  estimatedStreamUsage,
  promptCharactersOf,
  MAX_EVENT_MESSAGE_BYTES,
  MessageSplitter,
  usageFromBody,
  usageFromHeaders,
  type PassthroughOperation,
  type TokenUsage,
} from '@quarry/bedrock';
import type { IncomingHttpHeaders } from 'node:http';

/** Larger unary answers (images, long documents) are relayed but not read for usage. */
const MAX_READ_BODY_BYTES = 4 * 1024 * 1024;

export interface AnswerUsage {
  /** Usage known from the headers alone (InvokeModel), before any byte of the body. */
  readonly early: TokenUsage | undefined;
  observe(chunk: Buffer): void;
  /** The usage, once the answer has ended. */
  result(): TokenUsage | undefined;
  /**
   * A stream cut before its usage report: an estimate from the request's text and the output that went
   * by (cut-stream-estimate.ts). Unary answers have no estimate: Bedrock sent them whole.
   */
  estimate?(requestBody: Uint8Array | undefined): TokenUsage;
}

export function answerUsageFor(operation: PassthroughOperation, headers: IncomingHttpHeaders): AnswerUsage {
  const target = operation.target;
  if (target.kind === 'agent') return new StreamUsage(new EventStreamUsage('agent'));
  if (target.kind !== 'model') return NO_USAGE;
  switch (target.action) {
    case 'converse-stream':
      return new StreamUsage(new EventStreamUsage('converse-stream'));
    case 'invoke-with-response-stream':
      return new StreamUsage(new EventStreamUsage('invoke-stream'));
    case 'invoke': {
      const early = usageFromHeaders(headers);
      return early ? { early, observe: () => undefined, result: () => early } : new BodyUsage('invoke');
    }
    case 'converse':
      return new BodyUsage('converse');
    case 'count-tokens':
      return NO_USAGE;
    default:
      return unreachable(target.action);
  }
}

const NO_USAGE: AnswerUsage = { early: undefined, observe: () => undefined, result: () => undefined };

class StreamUsage implements AnswerUsage {
  readonly early = undefined;
  private readonly splitter = new MessageSplitter(MAX_EVENT_MESSAGE_BYTES);
  private readonly messages: Uint8Array[] = [];
  private broken = false;

  constructor(private readonly usage: EventStreamUsage) {}

  observe(chunk: Buffer): void {
    if (this.broken) return;
    try {
      this.splitter.push(chunk, this.messages);
    } catch {
      // Not an event stream we can read: the client still gets every byte; the call is not metered.
      this.broken = true;
      return;
    }
    for (const message of this.messages.splice(0)) this.usage.observe(message);
  }

  result(): TokenUsage | undefined {
    return this.usage.result;
  }

  estimate(requestBody: Uint8Array | undefined): TokenUsage {
    return estimatedStreamUsage(promptCharactersOf(requestBody), this.usage.outputCharacters);
  }
}

class BodyUsage implements AnswerUsage {
  readonly early = undefined;
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly action: 'converse' | 'invoke') {}

  observe(chunk: Buffer): void {
    this.size += chunk.byteLength;
    if (this.size <= MAX_READ_BODY_BYTES) this.chunks.push(chunk);
  }

  result(): TokenUsage | undefined {
    if (this.size > MAX_READ_BODY_BYTES) return undefined;
    return usageFromBody(this.action, Buffer.concat(this.chunks, this.size));
  }
}

function unreachable(value: never): never {
  throw new Error(`unhandled model action ${String(value)}`);
}
