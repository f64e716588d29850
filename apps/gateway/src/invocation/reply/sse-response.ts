// Server-sent events over the raw Node response, written as they arrive (never buffered), with
// backpressure (a slow client makes us wait instead of growing memory) and a signal that fires when
// the client goes away, so the Bedrock call behind the stream is aborted.
import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';

export class SseResponse {
  private readonly raw: ServerResponse;
  private readonly abortController = new AbortController();
  private finished = false;

  /** Set by the caller: a timeout or shutdown also releases a write waiting on a client that stopped reading. */
  cancel: AbortSignal | undefined;

  constructor(private readonly reply: FastifyReply) {
    this.raw = reply.raw;
    this.raw.on('close', () => {
      if (!this.finished) this.abortController.abort(new Error('client disconnected'));
    });
  }

  /** Aborted when the client disconnects before the stream ended. */
  get clientGone(): AbortSignal {
    return this.abortController.signal;
  }

  start(extraHeaders: Record<string, string> = {}): void {
    this.reply.hijack();
    // Assigned rather than `{ ...getHeaders(), … }`: on Node 20 a literal that starts with a spread and
    // goes on gets a new hidden class per call (bench/README.md, finding 7).
    const headers = Object.assign({}, this.reply.getHeaders()) as Record<string, string | number | string[]>;
    headers['content-type'] = 'text/event-stream; charset=utf-8';
    headers['cache-control'] = 'no-cache';
    headers.connection = 'keep-alive';
    headers['x-accel-buffering'] = 'no';
    this.raw.writeHead(200, Object.assign(headers, extraHeaders));
    // No flushHeaders(): it writes the headers to the socket at once, a system call of their own. The
    // first chunk follows in the same tick (the stream opens only once Bedrock's first event is in), and
    // the headers go out with it in the socket's per-tick batch.
  }

  /** Writes one SSE payload; resolves at once unless the socket buffer is full. */
  write(text: string): Promise<void> | undefined {
    if (this.raw.destroyed || this.raw.writableEnded) return undefined;
    if (this.raw.write(text)) return undefined;
    return new Promise((resolve, reject) => {
      const cancel = this.cancel;
      const done = () => {
        this.raw.off('drain', done);
        this.raw.off('close', done);
        cancel?.removeEventListener('abort', cancelled);
        resolve();
      };
      const cancelled = () => {
        done();
        reject(cancel?.reason);
      };
      if (cancel?.aborted) return cancelled();
      this.raw.on('drain', done);
      this.raw.on('close', done);
      cancel?.addEventListener('abort', cancelled, { once: true });
    });
  }

  end(): void {
    this.finished = true;
    if (!this.raw.writableEnded) this.raw.end();
  }
}
