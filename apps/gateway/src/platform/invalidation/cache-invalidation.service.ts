// Tells every cache in every gateway instance what changed. A change made here is applied to this
// instance's caches before publish() returns (so the next request on this instance already sees it),
// then broadcast over Postgres NOTIFY (always) and Redis pub/sub (when configured).
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { PrismaService } from '@quarry/db';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { LOGGER } from '../logging/logger.token';
import { decodeInvalidation, encodeInvalidation, type InvalidationEvent } from './invalidation-event';
import type { InvalidationTransport } from './invalidation-transport';
import { PostgresInvalidationTransport } from './postgres-invalidation.transport';
import { RedisInvalidationTransport } from './redis-invalidation.transport';

export type InvalidationListener = (event: InvalidationEvent) => void;

@Injectable()
export class CacheInvalidationService implements OnModuleInit, OnModuleDestroy {
  /** Identifies this instance's own messages, which come back on the channel and are already applied. */
  readonly instanceId = randomUUID();
  private readonly listeners = new Set<InvalidationListener>();
  private readonly transports: InvalidationTransport[];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    database: PrismaService,
  ) {
    const notify = (channel: string, payload: string) => database.notify(channel, payload);
    this.transports = [new PostgresInvalidationTransport(config.databaseUrl, notify, logger)];
    if (config.redisUrl) this.transports.push(new RedisInvalidationTransport(config.redisUrl, logger));
  }

  async onModuleInit(): Promise<void> {
    // Listening starts before the gateway accepts requests, so no change made elsewhere after start-up is missed.
    await Promise.all(
      this.transports.map((transport) =>
        transport
          .start(
            (payload) => this.receive(payload),
            () => this.deliver({ all: true }),
          )
          .catch((error: Error) =>
            this.logger.error(
              { err: error.message, transport: transport.name },
              'cache invalidation transport failed to start',
            ),
          ),
      ),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.transports.map((transport) => transport.stop()));
  }

  subscribe(listener: InvalidationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Applies the event locally, then broadcasts it. A failed broadcast is logged, not thrown: the change is
   * committed, and other instances' caches expire within their TTL anyway.
   */
  async publish(event: InvalidationEvent): Promise<void> {
    this.deliver(event);
    const payload = encodeInvalidation(this.instanceId, event);
    await Promise.all(
      this.transports.map((transport) =>
        transport
          .publish(payload)
          .catch((error: Error) =>
            this.logger.warn(
              { err: error.message, transport: transport.name },
              'cache invalidation broadcast failed',
            ),
          ),
      ),
    );
  }

  private receive(payload: string): void {
    const message = decodeInvalidation(payload);
    if (message.origin === this.instanceId) return;
    this.deliver(message.event);
  }

  private deliver(event: InvalidationEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.error({ err: (error as Error).message }, 'cache invalidation listener failed');
      }
    }
  }
}
