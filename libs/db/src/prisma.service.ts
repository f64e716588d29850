import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';

import { DATABASE_URL_TOKEN } from './database-url.token';
import { PrismaClient } from './generated/client';

/**
 * The Prisma client as a Nest provider. Queries go through node-postgres (@prisma/adapter-pg), so no
 * Rust query engine is involved. Connects when the module starts, so a wrong DATABASE_URL fails start-up
 * instead of the first request, and closes the pool on shutdown.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(DATABASE_URL_TOKEN) connectionString: string) {
    super({ adapter: new PrismaPg({ connectionString }) });
  }

  async onModuleInit(): Promise<void> {
    await this.$connect();
  }

  // Last of all (not onModuleDestroy): in-flight requests and the spend flush still need the pool.
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }

  /** One round trip to the database; rejects when it does not answer (readiness probes). */
  async ping(): Promise<void> {
    await this.$queryRaw`SELECT 1`;
  }

  /** Postgres NOTIFY: every connection listening on the channel receives the payload (after commit). */
  async notify(channel: string, payload: string): Promise<void> {
    await this.$executeRaw`SELECT pg_notify(${channel}, ${payload})`;
  }
}
