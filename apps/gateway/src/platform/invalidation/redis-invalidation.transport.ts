// Redis pub/sub, used in addition to Postgres when REDIS_URL is set (deployments that already run Redis
// for rate limits get invalidation even if a Postgres NOTIFY is lost). ioredis reconnects and
// resubscribes by itself; every reconnect is reported so caches are dropped.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { INVALIDATION_CHANNEL } from './invalidation-event';
import type { InvalidationTransport } from './invalidation-transport';

export class RedisInvalidationTransport implements InvalidationTransport {
  readonly name = 'redis';
  private readonly subscriber: Redis;
  private readonly publisher: Redis;
  private readyOnce = false;

  constructor(redisUrl: string, logger: Logger) {
    // The subscriber retries forever (it must come back); a publish while Redis is down fails fast and is
    // logged rather than queued, since Postgres NOTIFY carries the same message.
    this.subscriber = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
    this.publisher = new Redis(redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    for (const connection of [this.subscriber, this.publisher])
      connection.on('error', (error: Error) =>
        logger.warn({ err: error.message }, 'cache invalidation Redis connection error'),
      );
  }

  async start(onMessage: (payload: string) => void, onReconnected: () => void): Promise<void> {
    this.subscriber.on('message', (channel: string, payload: string) => {
      if (channel === INVALIDATION_CHANNEL) onMessage(payload);
    });
    this.subscriber.on('ready', () => {
      if (this.readyOnce) onReconnected();
      this.readyOnce = true;
    });
    await Promise.all([this.subscriber.connect(), this.publisher.connect()]);
    await this.subscriber.subscribe(INVALIDATION_CHANNEL);
  }

  async publish(payload: string): Promise<void> {
    await this.publisher.publish(INVALIDATION_CHANNEL, payload);
  }

  async stop(): Promise<void> {
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}
