// Builds the gateway application: validated configuration, Fastify under Nest, request ids, request logs,
// the error filter. main.ts (the process), the dev and bench scripts and the end-to-end tests (in-process)
// all start the gateway through here; the configuration is read with app.get(APP_CONFIG).
// QUARRY_HTTP_ADAPTER=express builds the same application on Express instead, for the adapter
// measurement in bench/README.
import 'reflect-metadata';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { AppConfigModule } from './platform/config/app-config.module';
import { createExpressApplication } from './platform/http/express-application';
import { BODY_LIMIT_BYTES, KEEP_ALIVE_TIMEOUT_MS, requestIdFor } from './platform/http/http-settings';
import { createLogger, PinoNestLogger } from './platform/logging/logger';

export interface GatewayOptions {
  /** The variables to configure the gateway from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Where the gateway logs (default: a pino logger at LOG_LEVEL). */
  logger?: Logger;
}

/** @throws ConfigError naming every bad variable, before anything starts. */
export async function createGateway(options: GatewayOptions = {}): Promise<INestApplication> {
  const { configModule, config } = await AppConfigModule.load(options.env);
  const logger = options.logger ?? createLogger(config.logLevel);
  const appModule = AppModule.forRoot(configModule, logger);
  const app =
    config.httpAdapter === 'express'
      ? await createExpressApplication(appModule, logger)
      : await createFastifyApplication(appModule, logger);
  for (const warning of config.warnings) logger.warn(warning);
  return app;
}

async function createFastifyApplication(
  appModule: DynamicModule,
  logger: Logger,
): Promise<NestFastifyApplication> {
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

  return NestFactory.create<NestFastifyApplication>(appModule, adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
}
