// Shutdown in the order that loses nothing (LESSONS: Portkey drops in-flight requests on SIGTERM):
// 1. stop accepting connections and let in-flight requests finish (streams included), for at most the
//    grace period; then abort what is still open (its spend is booked as it ends);
// 2. run the registered drains (the spend those requests booked is flushed there);
// 3. only then do other providers close their pools (PrismaService disconnects in onApplicationShutdown).
import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LOGGER } from '../logging/logger.token';
import { ShutdownDrains } from './shutdown-drains';
import { ShutdownSignal } from './shutdown-signal';

/** Time for aborted streams to write their last event and end, before their sockets are cut. */
const ABORTED_STREAMS_GRACE_MS = 2_000;
/** How often the drain closes connections whose last request has ended. */
const IDLE_SWEEP_MS = 100;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly drains: ShutdownDrains,
    private readonly shutdownSignal: ShutdownSignal,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify?.server.listening) {
      const closed = fastify.close();
      // close() ends the connections idle at this moment; one whose request ends during the drain stays
      // open as an idle keep-alive connection, and would hold the drain until the grace period is over.
      const sweeper = setInterval(() => fastify.server.closeIdleConnections(), IDLE_SWEEP_MS);
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'grace-over'>((resolve) => {
        timer = setTimeout(() => resolve('grace-over'), this.config.shutdownGraceMs);
      });
      if ((await Promise.race([closed, graceOver])) === 'grace-over') {
        this.logger.warn(
          { graceMs: this.config.shutdownGraceMs },
          'shutdown grace period over: aborting open requests',
        );
        this.shutdownSignal.abort();
        // Aborted streams end themselves with an SSE error event; sockets still open after that are cut.
        const ended = await Promise.race([
          closed.then(() => true),
          delay(ABORTED_STREAMS_GRACE_MS).then(() => false),
        ]);
        if (!ended) fastify.server.closeAllConnections();
      }
      clearTimeout(timer);
      await closed;
      clearInterval(sweeper);
    }
    await this.drains.drainAll();
  }
}
