// The one place errors become responses: every error leaves in OpenAI's shape
// {"error": {"message", "type", "param", "code"}} with the right status (or, on the routes Anthropic's
// clients call, in Anthropic's: anthropic-error.ts). Unexpected errors become a 500
// that carries an error id (also logged with the stack) and nothing of our internals.
import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { OpenAIError } from '@quarry/openai';
import { isDatabaseUnavailable } from '@quarry/db';
import { bodyTooLargeError } from '../http/json-body-limits';
import { redactKeysAndCredentials } from '../logging/log-redaction';
import { anthropicErrorBody, anthropicStatusOf, speaksAnthropic } from './anthropic-error';
import { databaseUnavailableError } from './database-unavailable.error';

@Catch()
export class OpenAIExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const error = this.toOpenAIError(exception, request);
    if (reply.sent || reply.raw.headersSent) {
      // A stream already started: the SSE writer reports errors in-band; nothing more can be sent here.
      if (!reply.raw.writableEnded) reply.raw.end();
      return;
    }
    if (speaksAnthropic(request.url))
      reply.status(anthropicStatusOf(error).status).headers(error.headers).send(anthropicErrorBody(error));
    else reply.status(error.status).headers(error.headers).send(error.toBody());
  }

  toOpenAIError(exception: unknown, request: FastifyRequest): OpenAIError {
    if (exception instanceof OpenAIError) return exception;
    if (exception instanceof HttpException) return fromHttpException(exception, request);
    if (isFromDatabase(exception) && isDatabaseUnavailable(exception)) {
      this.logger.warn({ reqId: request.id }, 'database unreachable: answered 503');
      return databaseUnavailableError();
    }
    const errorId = request.id;
    const name = String((exception as Error)?.name);
    this.logger.error(
      {
        reqId: errorId,
        // Prisma's messages (and stacks, which repeat them) quote the query's data: key hashes, emails.
        err: name.startsWith('PrismaClient')
          ? { name, code: (exception as { code?: unknown }).code }
          : {
              message: redactKeysAndCredentials(String((exception as Error)?.message)),
              stack: redactKeysAndCredentials(String((exception as Error)?.stack)),
            },
      },
      'unhandled error',
    );
    return new OpenAIError(
      500,
      `Internal server error (error id: ${errorId})`,
      'server_error',
      null,
      'internal_error',
    );
  }
}

/** Prisma's errors and the driver adapter's: a socket error from anything else is not the database's. */
function isFromDatabase(exception: unknown): boolean {
  const name = String((exception as Error)?.name);
  return name.startsWith('PrismaClient') || name === 'DriverAdapterError';
}

function fromHttpException(exception: HttpException, request: FastifyRequest): OpenAIError {
  const status = exception.getStatus();
  const response = exception.getResponse() as string | { message?: string | string[] };
  if (status === 404 && /^Cannot [A-Z]+ /.test(String((response as { message?: string }).message ?? ''))) {
    return new OpenAIError(
      404,
      `Unknown route: ${request.method} ${request.url.split('?')[0]}`,
      'not_found_error',
      null,
      'unknown_route',
    );
  }
  const rawMessage = typeof response === 'string' ? response : response.message;
  const messages = Array.isArray(rawMessage) ? rawMessage : [rawMessage ?? exception.message];
  const bodyError = fromBodyParser(status, messages[0] ?? '');
  if (bodyError) return bodyError;
  // class-validator messages start with the property name ("models must be an array"): that is the param.
  const param = status === 400 ? (/^([\w.[\]]+) /.exec(messages[0] ?? '')?.[1] ?? null) : null;
  return new OpenAIError(status, messages.join('; '), undefined, param);
}

/**
 * Fastify's body-parser failures, which Nest hands over as plain HttpExceptions ("Body is not valid JSON
 * but content-type is set to 'application/json'", "Body cannot be empty when …", 413, 415).
 */
function fromBodyParser(status: number, message: string): OpenAIError | undefined {
  if (status === 400 && /^Body is not valid JSON/.test(message))
    return OpenAIError.badRequest('Request body is not valid JSON', 'body', 'invalid_json');
  if (status === 400 && /^Body cannot be empty/.test(message))
    return OpenAIError.badRequest('Request body is empty; expected a JSON object', 'body', 'invalid_json');
  if (status === 413) return bodyTooLargeError();
  if (status === 415)
    return new OpenAIError(
      415,
      'Unsupported content type; send application/json',
      'invalid_request_error',
      null,
      'unsupported_media_type',
    );
  return undefined;
}
