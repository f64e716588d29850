// Starts a batch worker: its own process (main.ts, docker-compose), inside `npm run dev`, or in a test.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppConfigModule } from '../../gateway/src/platform/config/app-config.module';
import { createLogger, PinoNestLogger } from '../../gateway/src/platform/logging/logger';
import { WorkerModule } from './worker.module';

export interface WorkerOptions {
  /** The variables to configure the worker from (default: process.env); the gateway's variables. */
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
}

/** @throws ConfigError naming every bad variable, before anything starts. */
export async function startWorker(options: WorkerOptions = {}): Promise<INestApplicationContext> {
  const { configModule, config } = await AppConfigModule.load(options.env);
  const logger = options.logger ?? createLogger(config.logLevel);
  const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(configModule, logger), {
    logger: new PinoNestLogger(logger),
  });
  await worker.init();
  return worker;
}
