// Shutdown in the order that loses nothing (LESSONS: Portkey drops in-flight requests on SIGTERM):
// 1. stop accepting connections and let in-flight requests finish (streams included);
// 2. flush the spend those requests booked;
// 3. only then do other providers close their pools (PrismaService disconnects in onApplicationShutdown).
// Nest would otherwise close the HTTP server last, after the database pool is gone.
import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { SpendWriter } from '../../spend/spend-writer.service';

@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly spend: SpendWriter,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify?.server.listening) await fastify.close();
    await this.spend.drainForShutdown();
  }
}
