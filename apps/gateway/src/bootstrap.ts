// Builds the gateway application: validated configuration, Fastify under Nest, request ids, request logs,
// the error filter. main.ts (the process), the dev and bench scripts and the end-to-end tests (in-process)
// all start the gateway through here; the configuration is read with app.get(APP_CONFIG).
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { AppConfigModule } from './platform/config/app-config.module';
import {
  answerClientError,
  answerFrameworkError,
  answerShuttingDown,
  watchClosing,
} from './platform/http/framework-answers';
import { registerBodyParsers } from './platform/http/body-parsers';
import { MAX_BODY_BYTES } from './platform/http/json-body-limits';
import { createLogger, PinoNestLogger } from './platform/logging/logger';

const CLIENT_REQUEST_ID = /^[\w.:-]{1,128}$/;

export interface GatewayOptions {
  /** The variables to configure the gateway from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where the gateway logs (default: a pino logger at LOG_LEVEL). */
  logger?: Logger;
}

/** @throws ConfigError naming every bad variable, before anything starts. */
export async function createGateway(options: GatewayOptions = {}): Promise<NestFastifyApplication> {
  const { configModule, config } = await AppConfigModule.load(options.env);
  const logger = options.logger ?? createLogger(config.logLevel);
  const adapter = new FastifyAdapter({
    bodyLimit: MAX_BODY_BYTES,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
    },
    forceCloseConnections: 'idle',
    // Fastify's own answers (431, 400, 408 from the HTTP parser; 503 while closing) in OpenAI's shape.
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    return503OnClosing: false,
    // Keep-alive longer than typical load balancer idle timeouts avoids resets under load.
    keepAliveTimeout: 65_000,
  });
  const fastify = adapter.getInstance();
  registerBodyParsers(fastify);
  const closing = watchClosing(fastify);
  // One onRequest hook for both jobs: every hook is a step of every request.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    if (closing()) answerShuttingDown(reply);
    else done();
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

  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(configModule, logger),
    adapter,
    {
      logger: new PinoNestLogger(logger),
      bufferLogs: false,
      bodyParser: false,
    },
  );
  for (const warning of config.warnings) logger.warn(warning);
  return app;
}
