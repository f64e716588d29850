// Builds the gateway application: Fastify under Nest, request ids, request logs, the error filter.
// main.ts (the process) and the end-to-end tests (in-process) both start the gateway through here.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './platform/config/app-config';
import { registerBodyParsers } from './platform/http/body-parsers';
import { MAX_BODY_BYTES } from './platform/http/json-body-limits';
import { createLogger, PinoNestLogger } from './platform/logging/logger';

const CLIENT_REQUEST_ID = /^[\w.:-]{1,128}$/;

export async function createGateway(
  config: AppConfig,
  logger: Logger = createLogger(config.logLevel),
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: MAX_BODY_BYTES,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
    },
    forceCloseConnections: 'idle',
    // Keep-alive longer than typical load balancer idle timeouts avoids resets under load.
    keepAliveTimeout: 65_000,
  });
  const fastify = adapter.getInstance();
  registerBodyParsers(fastify);
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

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, logger), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    bodyParser: false,
  });
  for (const warning of config.warnings) logger.warn(warning);
  return app;
}
