// LISTEN/NOTIFY on a dedicated connection (a pooled connection cannot hold a LISTEN). The connection is
// re-established with backoff when it drops; publishing goes through the regular pool.
import { Client } from 'pg';
import type { Logger } from 'pino';
import { INVALIDATION_CHANNEL } from './invalidation-event';
import type { InvalidationTransport } from './invalidation-transport';

const MIN_RETRY_MS = 250;
const MAX_RETRY_MS = 5_000;

export class PostgresInvalidationTransport implements InvalidationTransport {
  readonly name = 'postgres';
  private client: Client | undefined;
  private stopped = false;
  private retryMs = MIN_RETRY_MS;
  private retryTimer: NodeJS.Timeout | undefined;
  private connectedOnce = false;

  constructor(
    private readonly connectionString: string,
    /** Sends `SELECT pg_notify(channel, payload)` over the application's pool. */
    private readonly notify: (channel: string, payload: string) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  async start(onMessage: (payload: string) => void, onReconnected: () => void): Promise<void> {
    await this.connect(onMessage, onReconnected);
  }

  publish(payload: string): Promise<void> {
    return this.notify(INVALIDATION_CHANNEL, payload);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(onMessage: (payload: string) => void, onReconnected: () => void): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.connectionString,
      application_name: 'quarry-invalidation',
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      client.removeAllListeners();
      client.end().catch(() => undefined);
      if (this.stopped) return;
      this.logger.warn(
        { err: error?.message },
        'cache invalidation listener lost its Postgres connection; reconnecting',
      );
      this.scheduleReconnect(onMessage, onReconnected);
    };
    client.on('notification', (message) => {
      if (message.channel === INVALIDATION_CHANNEL && message.payload !== undefined)
        onMessage(message.payload);
    });
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${INVALIDATION_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners();
      await client.end().catch(() => undefined);
      this.logger.warn(
        { err: (error as Error).message },
        'cache invalidation listener cannot connect to Postgres; retrying',
      );
      this.scheduleReconnect(onMessage, onReconnected);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.retryMs = MIN_RETRY_MS;
    if (this.connectedOnce) onReconnected();
    this.connectedOnce = true;
  }

  private scheduleReconnect(onMessage: (payload: string) => void, onReconnected: () => void): void {
    if (this.stopped) return;
    // Whatever was missed while disconnected must not linger in caches.
    if (this.connectedOnce) onReconnected();
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    this.retryTimer = setTimeout(() => void this.connect(onMessage, onReconnected), delay);
    this.retryTimer.unref();
  }
}
