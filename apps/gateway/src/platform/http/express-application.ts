// The same gateway on @nestjs/platform-express (QUARRY_HTTP_ADAPTER=express), for the adapter measurement
// in bench/README ("Fastify or Express"). It serves what the bench drives: key auth, management calls,
// /v1/chat/completions plain and streamed, health. Body-parser failures (bad JSON, 413, 415) do not get
// the OpenAI error shape here, as the Fastify adapter's do.
//
// The gateway's code speaks Fastify's request and reply (request.id, reply.header/headers/status/send,
// reply.sent, reply.hijack(), reply.raw). Express's request and response gain those few members on this
// application's own prototypes (Express gives every application its own), so no request pays for a
// wrapper that a real port would not have.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { PinoNestLogger } from '../logging/logger';
import { BODY_LIMIT_BYTES, KEEP_ALIVE_TIMEOUT_MS, requestIdFor } from './http-settings';

type ExpressRequest = IncomingMessage & { id: string; route?: { path?: string } };
type ExpressResponse = ServerResponse & { set(headers: Record<string, string>): unknown };
type Next = () => void;

/** What this file uses of an Express application (the project does not depend on @types/express). */
interface ExpressApplication {
  request: object;
  response: object;
  disable(setting: string): void;
  set(setting: string, value: unknown): void;
  use(middleware: (request: ExpressRequest, response: ExpressResponse, next: Next) => void): void;
}

export async function createExpressApplication(
  appModule: DynamicModule,
  logger: Logger,
): Promise<NestExpressApplication> {
  const adapter = new ExpressAdapter();
  const express = adapter.getInstance<ExpressApplication>();
  // Work Fastify does not do either: a hash of every body for ETag, and the "X-Powered-By" header.
  express.set('etag', false);
  express.disable('x-powered-by');
  addFastifyReplyMembers(express.response);
  express.use((request, response, next) => {
    const started = performance.now();
    request.id = requestIdFor(request.headers['x-request-id']);
    response.setHeader('x-request-id', request.id);
    response.once('finish', () => {
      logger.info(
        {
          reqId: request.id,
          method: request.method,
          // The route pattern, not the path: paths may carry secrets (POST /key/sk-…/regenerate).
          route: request.route?.path ?? 'unmatched',
          status: response.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
    next();
  });

  const app = await NestFactory.create<NestExpressApplication>(appModule, adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES });
  app.getHttpServer().keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  return app;
}

/** reply.raw, reply.sent, reply.hijack() and reply.headers() on Express's response, as Fastify has them. */
function addFastifyReplyMembers(responsePrototype: object): void {
  Object.defineProperties(responsePrototype, {
    raw: {
      get(this: ExpressResponse) {
        return this;
      },
    },
    sent: {
      get(this: ExpressResponse) {
        return this.headersSent;
      },
    },
    // Express never writes a response behind the handler's back: taking it over needs nothing.
    hijack: {
      value(this: ExpressResponse) {
        return this;
      },
    },
    headers: {
      value(this: ExpressResponse, headers: Record<string, string>) {
        this.set(headers);
        return this;
      },
    },
  });
}
