// The one owner of a call's HTTP reply. A surface's pipeline run answers through it exactly once: a JSON
// body with its headers, or an SSE stream that takes over the raw response. Errors thrown before either
// is sent are rendered by the exception filter (the one error renderer); errors after a stream started
// are written in-band by the stream relay.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SseResponse } from './sse-response';

export class ClientReply {
  private gone: AbortSignal | undefined;

  constructor(
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
  ) {}

  get requestId(): string {
    return this.request.id;
  }

  sendJson(body: unknown, headers: Readonly<Record<string, string>>): void {
    void this.reply.headers(headers).send(body);
  }

  /**
   * Aborted when the client disconnects before its answer was sent, so a unary call stops calling
   * Bedrock (retries and backoff waits included) for nobody. Made on first use.
   */
  clientGone(): AbortSignal {
    if (!this.gone) {
      const controller = new AbortController();
      const raw = this.reply.raw;
      raw.once('close', () => {
        if (!raw.writableFinished) controller.abort(new Error('client disconnected'));
      });
      this.gone = controller.signal;
    }
    return this.gone;
  }

  /** An SSE response, not yet started: nothing is written until its start(). */
  openStream(): SseResponse {
    return new SseResponse(this.reply);
  }
}
