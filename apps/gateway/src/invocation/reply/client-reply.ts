// The one owner of a call's HTTP reply. A surface's pipeline run answers through it exactly once: a JSON
// body with its headers, or an SSE stream that takes over the raw response. Errors thrown before either
// is sent are rendered by the exception filter (the one error renderer); errors after a stream started
// are written in-band by the stream relay.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SseResponse } from './sse-response';

/**
 * Whether the client hung up before its answer was sent (and why, for the call's abort). The response
 * holds its watcher until the response object itself is collected; stop() lets go of what the watcher
 * would call, so a finished call's state (its translation, its answer) is not kept alive with it.
 */
export class Disconnect {
  aborted = false;
  reason: Error | undefined;

  constructor(private onGone: ((reason: Error) => void) | undefined) {}

  /** The client is gone: the flag turns true and the call's `onGone` runs (once). */
  hungUp(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = new Error('client disconnected');
    this.onGone?.(this.reason);
  }

  /** The call is over: nothing to abort any more. */
  stop(): void {
    this.onGone = undefined;
  }
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
   * fewer AbortController and listener pair per call. Call stop() on it when the call is over.
   */
  watchDisconnect(onGone: (reason: Error) => void): Disconnect {
    const disconnect = new Disconnect(onGone);
    const raw = this.reply.raw;
    // Not once(): the response emits 'close' once, and is gone with the request.
    raw.on('close', () => {
      if (!raw.writableFinished) disconnect.hungUp();
    });
    return disconnect;
  }

  /** An SSE response, not yet started: nothing is written until its start(). */
  openStream(): SseResponse {
    return new SseResponse(this.reply);
  }
}
