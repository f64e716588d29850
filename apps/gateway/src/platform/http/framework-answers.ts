// Answers Fastify gives on its own, before any route or Nest filter runs, rewritten in OpenAI's shape
// {"error": {...}} like every other answer: a malformed request or headers too large (the HTTP parser's
// client errors), a path the router cannot decode or whose parameter is too long, and a request that
// arrives on a kept-alive connection while the server is closing.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OpenAIError } from '@quarry/openai';

/** What the HTTP parser's failures become (the socket is closed after the answer, as Node does). */
function clientErrorFor(code: string | undefined): OpenAIError {
  if (code === 'HPE_HEADER_OVERFLOW')
    return new OpenAIError(
      431,
      'Request headers are too large',
      'invalid_request_error',
      'headers',
      'headers_too_large',
    );
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
    return new OpenAIError(
      408,
      'The request was not received in time',
      'timeout_error',
      null,
      'request_timeout',
    );
  return new OpenAIError(400, 'Malformed HTTP request', 'invalid_request_error', null, 'malformed_request');
}

/** Fastify's clientErrorHandler: same cases as its default, answered in OpenAI's shape. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const answer = clientErrorFor(error.code);
    const body = JSON.stringify(answer.toBody());
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** What Fastify's router refuses before routing (its `frameworkErrors`), without echoing the path back. */
function routerErrorFor(code: string): OpenAIError {
  if (code === 'FST_ERR_MAX_PARAM_LENGTH')
    return new OpenAIError(
      414,
      'A path segment of the URL is too long',
      'invalid_request_error',
      'path',
      'path_too_long',
    );
  if (code === 'FST_ERR_BAD_URL')
    return OpenAIError.badRequest('The URL path is not validly percent-encoded UTF-8', 'path', 'invalid_url');
  return new OpenAIError(500, 'Internal server error', 'server_error', null, 'internal_error');
}

/** Fastify's frameworkErrors handler: the router's refusals, in OpenAI's shape. */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const answer = routerErrorFor(error.code);
  void reply
    .code(answer.status)
    .header('x-request-id', request.id)
    .headers(answer.headers)
    .send(answer.toBody());
}

export function shuttingDownError(): OpenAIError {
  return new OpenAIError(
    503,
    'The gateway is shutting down; retry the request.',
    'server_error',
    null,
    'shutting_down',
    { 'Retry-After': '1', Connection: 'close' },
  );
}

/**
 * Whether close() has begun: with Fastify created with `return503OnClosing: false`, the gateway's
 * onRequest hook then refuses new requests with answerShuttingDown instead of serving them.
 */
export function watchClosing(fastify: FastifyInstance): () => boolean {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  return () => closing;
}

/** Replaces Fastify's own 503 during close, in OpenAI's shape. */
export function answerShuttingDown(reply: FastifyReply): void {
  const answer = shuttingDownError();
  void reply.code(answer.status).headers(answer.headers).send(answer.toBody());
}
