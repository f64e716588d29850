// Server-sent events over the raw Node response, written as they arrive (never held back), with
// backpressure (a slow client makes us wait instead of growing memory) and a signal that fires when
// the client goes away, so the Bedrock call behind the stream is aborted.
//
// Writes made in the same tick share one socket write: Bedrock's events often arrive several to a TCP
// read, and one syscall (and one packet) per SSE chunk was a large share of a stream's CPU. The response
// is corked at the first write of a tick and uncorked on the next tick, microseconds later: nothing
// waits for more data, so this adds no latency.
import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';

export class SseResponse {
  private readonly raw: ServerResponse;
  private readonly abortController = new AbortController();
  private finished = false;
  private corked = false;
  private readonly uncork = () => {
    this.corked = false;
    this.raw.uncork();
  };

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
    this.raw.writeHead(200, {
      ...(this.reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...extraHeaders,
    });
    // Called once the first Bedrock event is in: the headers leave with the first chunk, next tick.
    this.corkUntilNextTick();
  }

  /** Writes one SSE payload; resolves at once unless the socket buffer is full. */
  write(text: string): Promise<void> | undefined {
    if (this.raw.destroyed || this.raw.writableEnded) return undefined;
    this.corkUntilNextTick();
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

  private corkUntilNextTick(): void {
    if (this.corked) return;
    this.corked = true;
    this.raw.cork();
    process.nextTick(this.uncork);
  }

  end(): void {
    this.finished = true;
    if (!this.raw.writableEnded) this.raw.end();
  }
}
