// The one owner of a call's HTTP reply. A surface's pipeline run answers through it exactly once: a JSON
// body with its headers, or an SSE stream that takes over the raw response. Errors thrown before either
// is sent are rendered by the exception filter (the one error renderer); errors after a stream started
// are written in-band by the stream relay.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SseResponse } from './sse-response';

/** Whether the client hung up before its answer was sent (and why, for the call's abort). */
export interface Disconnect {
  aborted: boolean;
  reason: Error | undefined;
}

export class ClientReply {
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
   * Watches for the client disconnecting before its answer was sent: the flag turns true (read where a
   * failure is booked as the client's doing) and `onGone` runs once. A flag, not an AbortSignal: one
   * fewer AbortController and listener pair per call.
   */
  watchDisconnect(onGone: (reason: Error) => void): Disconnect {
    const disconnect: Disconnect = { aborted: false, reason: undefined };
    const raw = this.reply.raw;
    // Not once(): the response emits 'close' once, and is gone with the request.
    raw.on('close', () => {
      if (raw.writableFinished) return;
      disconnect.aborted = true;
      disconnect.reason = new Error('client disconnected');
      onGone(disconnect.reason);
    });
    return disconnect;
  }

  /** An SSE response, not yet started: nothing is written until its start(). */
  openStream(): SseResponse {
    return new SseResponse(this.reply);
  }
}
