// Cooldowns shared through Redis: a cooldown is a key with the cooldown's TTL (an instance that starts
// later reads the running ones at start) and a message on a channel (instances already running hear it at
// once). Failures are counted in a key that lives one minute from the first failure. Messages carry the
// remaining duration, not a time of day, so instances' clocks need not agree. ioredis reconnects and
// resubscribes by itself; a message lost while disconnected costs at most a few calls to a cooling deployment.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { FAILURE_WINDOW_MS, type CooldownBroadcast } from './cooldown-broadcast';

const CHANNEL = 'quarry:cooldowns';
const COOLDOWN_KEY = 'quarry:cooldown:';
const FAILURES_KEY = 'quarry:cooldown-fails:';

interface CooldownMessage {
  id: string;
  ms: number;
  from: string;
}

export class RedisCooldownBroadcast implements CooldownBroadcast {
  private readonly subscriber: Redis;
  private readonly commands: Redis;
  /** Tells this instance's own messages apart (it already applied them). */
  private readonly instance = randomUUID();

  constructor(redisUrl: string, logger: Logger) {
    this.subscriber = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: null });
    // Fail fast rather than queue while Redis is down: a lost failure count or announcement is harmless.
    this.commands = new Redis(redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    for (const connection of [this.subscriber, this.commands])
      connection.on('error', (error: Error) =>
        logger.warn({ err: error.message }, 'cooldown Redis connection error'),
      );
  }

  async start(onCooldown: (deploymentId: string, remainingMs: number) => void): Promise<void> {
    this.subscriber.on('message', (channel: string, payload: string) => {
      if (channel !== CHANNEL) return;
      const message = parseMessage(payload);
      if (message && message.from !== this.instance) onCooldown(message.id, message.ms);
    });
    await Promise.all([this.subscriber.connect(), this.commands.connect()]);
    await this.subscriber.subscribe(CHANNEL);
    for (const [id, remainingMs] of await this.running()) onCooldown(id, remainingMs);
  }

  async countFailure(deploymentId: string): Promise<number> {
    const key = FAILURES_KEY + deploymentId;
    const replies = await this.commands.multi().set(key, 0, 'PX', FAILURE_WINDOW_MS, 'NX').incr(key).exec();
    return Number(replies?.[1]?.[1] ?? 0);
  }

  async announce(deploymentId: string, durationMs: number): Promise<void> {
    const message: CooldownMessage = { id: deploymentId, ms: durationMs, from: this.instance };
    await this.commands
      .multi()
      .set(COOLDOWN_KEY + deploymentId, '1', 'PX', durationMs)
      .del(FAILURES_KEY + deploymentId)
      .publish(CHANNEL, JSON.stringify(message))
      .exec();
  }

  async stop(): Promise<void> {
    this.subscriber.disconnect();
    this.commands.disconnect();
  }

  /** Cooldowns already running: [deployment id, remaining ms]. */
  private async running(): Promise<Array<[string, number]>> {
    const found: Array<[string, number]> = [];
    let cursor = '0';
    do {
      const [next, keys] = await this.commands.scan(cursor, 'MATCH', `${COOLDOWN_KEY}*`, 'COUNT', 200);
      cursor = next;
      for (const key of keys) {
        const remainingMs = await this.commands.pttl(key);
        if (remainingMs > 0) found.push([key.slice(COOLDOWN_KEY.length), remainingMs]);
      }
    } while (cursor !== '0');
    return found;
  }
}

function parseMessage(payload: string): CooldownMessage | undefined {
  try {
    const message = JSON.parse(payload) as Partial<CooldownMessage>;
    return typeof message.id === 'string' &&
      typeof message.ms === 'number' &&
      typeof message.from === 'string'
      ? (message as CooldownMessage)
      : undefined;
  } catch {
    return undefined;
  }
}
