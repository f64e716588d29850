// Structured JSON logs (pino). Secret headers are censored by path; free text passes through redactKeysAndCredentials.
import pino, { type Logger } from 'pino';
import type { LoggerService } from '@nestjs/common';
import { redactKeysAndCredentials, SECRET_HEADERS } from './log-redaction';
import type { LogLevel } from '../config/env-config';

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    base: { service: 'quarry-gateway' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: SECRET_HEADERS.flatMap((name) => [`headers["${name}"]`, `req.headers["${name}"]`]),
      censor: '[redacted]',
    },
    formatters: { level: (label) => ({ level: label }) },
  });
}

/** Nest's start-up chatter (one line per module and route): useful when debugging, noise otherwise. */
const STARTUP_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

/** Routes Nest's own log lines (bootstrap, route mapping, exceptions) into the same JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    if (context && STARTUP_CONTEXTS.has(context))
      this.logger.debug({ context }, redactKeysAndCredentials(String(message)));
    else this.logger.info({ context }, redactKeysAndCredentials(String(message)));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error(
      { context, trace: trace && redactKeysAndCredentials(trace) },
      redactKeysAndCredentials(String(message)),
    );
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, redactKeysAndCredentials(String(message)));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, redactKeysAndCredentials(String(message)));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, redactKeysAndCredentials(String(message)));
  }
}
