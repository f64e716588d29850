// Builds the gateway application: Fastify under Nest, request ids, request logs, the error filter.
// main.ts (the process) and the end-to-end tests (in-process) both start the gateway through here.
// QUARRY_HTTP_ADAPTER=express builds the same application on Express instead, for the adapter
// measurement in bench/README.
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './platform/config/app-config';
import { createExpressApplication } from './platform/http/express-application';
import { BODY_LIMIT_BYTES, KEEP_ALIVE_TIMEOUT_MS, requestIdFor } from './platform/http/http-settings';
import { createLogger, PinoNestLogger } from './platform/logging/logger';

export async function createGateway(
  config: AppConfig,
  logger: Logger = createLogger(config.logLevel),
): Promise<INestApplication> {
  const app =
    config.httpAdapter === 'express'
      ? await createExpressApplication(AppModule.forRoot(config, logger), logger)
      : await createFastifyApplication(config, logger);
  for (const warning of config.warnings) logger.warn(warning);
  return app;
}

async function createFastifyApplication(config: AppConfig, logger: Logger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => requestIdFor(request.headers['x-request-id']),
    forceCloseConnections: 'idle',
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    logger.info(
      {
        reqId: request.id,
        method: request.method,
        // The route pattern, not the path: paths may carry secrets (POST /key/sk-…/regenerate).
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    done();
  });

  return NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
}
