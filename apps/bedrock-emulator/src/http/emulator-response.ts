// EmulatorResponse over Node's HTTP/1.1 response or the HTTP/2 compat response: both expose
// writeHead/write/end. Only end-to-end headers are set, since HTTP/2 rejects connection headers.
import type { Http2ServerResponse } from 'node:http2';
import type { ServerResponse } from 'node:http';
import { FramedEventStreamWriter } from './event-stream-writer';
import type { EmulatorResponse, EventStreamWriter } from './types';

type NodeResponse = ServerResponse | Http2ServerResponse;

/** What restJson1 clients read: the error name (with Bedrock's coral namespace suffix) and a message. */
const ERROR_TYPE_SUFFIX = ':http://internal.amazon.com/coral/com.amazon.bedrock/';

export class NodeEmulatorResponse implements EmulatorResponse {
  private started = false;

  constructor(
    private readonly response: NodeResponse,
    private readonly requestId: string,
  ) {}

  /** True once a status line went out; later writes are ignored rather than crashing the server. */
  get headersSent(): boolean {
    return this.started || this.response.headersSent;
  }

  get finished(): boolean {
    return this.response.writableEnded || this.response.destroyed;
  }

  private head(status: number, headers: Record<string, string | number>): boolean {
    if (this.headersSent || this.response.destroyed) return false;
    this.started = true;
    (this.response as ServerResponse).writeHead(status, {
      'x-amzn-requestid': this.requestId,
      // The emulator's own clock (Node's automatic header reads the system's): SDKs correct their clock
      // skew from it, so a test that moves the clock (Date) keeps client and emulator in agreement.
      date: new Date().toUTCString(),
      ...headers,
    });
    return true;
  }

  json(body: unknown, status = 200, headers: Record<string, string> = {}): void {
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    if (
      this.head(status, { 'content-type': 'application/json', 'content-length': payload.length, ...headers })
    ) {
      this.response.end(payload);
    }
  }

  raw(body: Buffer | string, contentType: string, headers: Record<string, string> = {}): void {
    const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (this.head(200, { 'content-type': contentType, 'content-length': payload.length, ...headers })) {
      this.response.end(payload);
    }
  }

  error(status: number, errorType: string, message: string, extra: Record<string, unknown> = {}): void {
    this.json({ message, ...extra }, status, { 'x-amzn-errortype': errorType + ERROR_TYPE_SUFFIX });
  }

  eventStream(headers: Record<string, string> = {}): EventStreamWriter {
    const response = this.response;
    this.head(200, { 'content-type': 'application/vnd.amazon.eventstream', ...headers });
    // Send the status line now: a client may be waiting on headers while the first event is delayed.
    if (!response.destroyed) (response as ServerResponse).flushHeaders?.();
    return new FramedEventStreamWriter({
      write: (frame) => {
        (response as ServerResponse).write(frame);
      },
      end: () => {
        if (!response.writableEnded) response.end();
      },
      isClosed: () => response.writableEnded || response.destroyed,
    });
  }
}
