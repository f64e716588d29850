// The transport under the bedrock-runtime client: HTTP/1.1 over keep-alive agents, one Node request per
// call and nothing else. The SDK still serializes, resolves the endpoint, signs and deserializes; this
// only moves bytes. It replaces @smithy/node-http-handler on the hot path because that handler arms
// four timers per request (socket-usage warning, connection, request and deferred keep-alive/socket
// timeouts) and can only learn a call's abort signal from per-call `send()` options, which disable the
// SDK's middleware cache (see call-signal.ts). Together those cost ≈ 150 µs of CPU per call
// (`node bench/sdk-call-cost.mjs`).
//
// Errors as the error mapping (errors.ts) reads them: an aborted call rejects with `AbortError` (its
// reason as `cause`) and a socket idle past the idle timeout with `TimeoutError` (both 408); a
// connection that does not open in time is a network failure (`ETIMEDOUT`, a retryable 502, so retries
// and fallbacks move on from a dead endpoint), and socket errors such as ECONNRESET keep their code.
import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import type { HttpHandler } from '@smithy/protocol-http';
import type { HttpHandlerOptions } from '@smithy/types';
import { callSignalOf } from './call-signal';

export interface KeepAliveHttpHandlerOptions {
  /** Concurrent connections per agent; every open stream holds one. */
  maxSockets: number;
  /** Time allowed to open a connection. */
  connectionTimeoutMs: number;
  /** The longest a socket may sit idle during a call (no bytes either way); none when undefined. */
  idleTimeoutMs?: number;
}

export class KeepAliveHttpHandler implements HttpHandler<KeepAliveHttpHandlerOptions> {
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;

  constructor(private readonly options: KeepAliveHttpHandlerOptions) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets };
    this.httpAgent = new HttpAgent(agentOptions);
    this.httpsAgent = new HttpsAgent(agentOptions);
  }

  handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
    return this.send(request, callSignalOf(request) ?? (options?.abortSignal as AbortSignal | undefined), 0);
  }

  private send(
    request: HttpRequest,
    signal: AbortSignal | undefined,
    staleRetries: number,
  ): Promise<{ response: HttpResponse }> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const secure = request.protocol === 'https:';
      let answered = false;
      const outgoing = (secure ? httpsRequest : httpRequest)(
        {
          // The retry of a request that met a dead pooled socket goes on a connection of its own: the pool
          // may hold many sockets the server closed at once (after a burst), and each would fail the same way.
          agent: staleRetries > 0 ? false : secure ? this.httpsAgent : this.httpAgent,
          host: unbracketed(request.hostname),
          port: request.port,
          method: request.method,
          path: pathWithQuery(request),
          headers: request.headers,
        },
        (incoming) => {
          answered = true;
          resolve({ response: toHttpResponse(incoming) });
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        const retry = !answered && staleRetries < MAX_STALE_SOCKET_RETRIES;
        if (retry && closedWhileIdle(outgoing, error, request.body)) {
          resolve(this.send(request, signal, staleRetries + 1));
        } else reject(error);
      });
      this.watchConnection(outgoing);
      if (this.options.idleTimeoutMs !== undefined) {
        outgoing.setTimeout(this.options.idleTimeoutMs, () =>
          outgoing.destroy(timeoutError(`no bytes for ${this.options.idleTimeoutMs} ms`)),
        );
      }
      if (signal) {
        const onAbort = () => outgoing.destroy(abortError(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        outgoing.once('close', () => signal.removeEventListener('abort', onAbort));
      }
      writeBody(outgoing, request.body);
    });
  }

  updateHttpClientConfig(key: keyof KeepAliveHttpHandlerOptions, value: number): void {
    this.options[key] = value;
  }

  httpHandlerConfigs(): KeepAliveHttpHandlerOptions {
    return this.options;
  }

  destroy(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** A connect timer only when a new connection is being opened; reused sockets need none. */
  private watchConnection(outgoing: ClientRequest): void {
    outgoing.once('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(
        () => outgoing.destroy(connectTimeoutError(this.options.connectionTimeoutMs)),
        this.options.connectionTimeoutMs,
      );
      socket.once('connect', () => clearTimeout(timer));
      outgoing.once('close', () => clearTimeout(timer));
    });
  }
}

/**
 * Each pooled socket may have been closed by the server while it sat idle (its keep-alive timeout
 * racing our reuse); a request written to it then fails at once with a reset and no answer. The server
 * never read such a request, so it is sent again, once, on a new connection outside the pool, as Node's
 * documentation advises (`request.reusedSocket`); that connection is not a reused one, so a reset on it
 * reaches the caller.
 */
const MAX_STALE_SOCKET_RETRIES = 1;
const CLOSED_WHILE_IDLE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

function closedWhileIdle(outgoing: ClientRequest, error: NodeJS.ErrnoException, body: unknown): boolean {
  return (
    outgoing.reusedSocket &&
    CLOSED_WHILE_IDLE.has(error.code ?? '') &&
    // A stream body has been (partly) consumed and cannot be written again.
    !(body instanceof Readable)
  );
}

function writeBody(outgoing: ClientRequest, body: unknown): void {
  if (body instanceof Readable) {
    body.pipe(outgoing);
  } else if (typeof body === 'string' || body instanceof Uint8Array) {
    outgoing.end(body);
  } else {
    outgoing.end();
  }
}

function toHttpResponse(incoming: IncomingMessage): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return new HttpResponse({
    statusCode: incoming.statusCode ?? -1,
    reason: incoming.statusMessage,
    headers,
    body: incoming,
  });
}

function pathWithQuery(request: HttpRequest): string {
  const query = Object.entries(request.query ?? {}).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((item) =>
      item === null || item === undefined ? escapeUri(name) : `${escapeUri(name)}=${escapeUri(item)}`,
    ),
  );
  const path = query.length > 0 ? `${request.path}?${query.join('&')}` : request.path;
  return request.fragment ? `${path}#${request.fragment}` : path;
}

/** RFC 3986 escaping, as the signer canonicalises. */
function escapeUri(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function unbracketed(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function abortError(signal: AbortSignal): Error {
  const error = new Error('Request aborted', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}

function timeoutError(message: string): Error {
  return Object.assign(new Error(message), { name: 'TimeoutError', code: 'ETIMEDOUT' });
}

/** A dead endpoint, not the caller's deadline: a plain network error with code ETIMEDOUT. */
export function connectTimeoutError(timeoutMs: number): Error {
  return Object.assign(new Error(`could not connect to Bedrock within ${timeoutMs} ms`), {
    code: 'ETIMEDOUT',
  });
}
