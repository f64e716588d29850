// One event of an InvokeAgent response stream, as the agent translations use it. The SDK throws the
// modelled stream exceptions itself; should one ever be yielded as a value, it still ends the call as an
// error rather than vanishing. `files` (code interpreter output) and events newer than this code are
// not part of an OpenAI answer and are skipped.
import type { ResponseStream, ReturnControlPayload, TracePart } from '@aws-sdk/client-bedrock-agent-runtime';

export type AgentEvent =
  | { kind: 'text'; text: string }
  | { kind: 'trace'; trace: TracePart }
  | { kind: 'returnControl'; payload: ReturnControlPayload }
  | { kind: 'skipped' };

const SKIPPED: AgentEvent = Object.freeze({ kind: 'skipped' });

/** Decodes chunk bytes as one UTF-8 stream, so a character split across chunks survives. */
export class AgentEventReader {
  private readonly decoder = new TextDecoder();

  read(event: ResponseStream): AgentEvent {
    if (event.chunk) {
      const text = event.chunk.bytes ? this.decoder.decode(event.chunk.bytes, { stream: true }) : '';
      return { kind: 'text', text };
    }
    if (event.trace) return { kind: 'trace', trace: event.trace };
    if (event.returnControl) return { kind: 'returnControl', payload: event.returnControl };
    const exception =
      event.internalServerException ??
      event.validationException ??
      event.resourceNotFoundException ??
      event.serviceQuotaExceededException ??
      event.throttlingException ??
      event.accessDeniedException ??
      event.conflictException ??
      event.dependencyFailedException ??
      event.badGatewayException ??
      event.modelNotReadyException;
    if (exception) throw exception;
    return SKIPPED;
  }

  /** Whatever the decoder still holds (an incomplete character at the very end). */
  flush(): string {
    return this.decoder.decode();
  }
}
