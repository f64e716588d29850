// The channels between gateway instances: Postgres LISTEN/NOTIFY (with reconnection after the listener's
// connection is killed) and Redis pub/sub.
import pino from 'pino';
import { Client } from 'pg';
import {
  decodeInvalidation,
  encodeInvalidation,
} from '../../apps/gateway/src/platform/invalidation/invalidation-event';
import type { InvalidationTransport } from '../../apps/gateway/src/platform/invalidation/invalidation-transport';
import { PostgresInvalidationTransport } from '../../apps/gateway/src/platform/invalidation/postgres-invalidation.transport';
import { RedisInvalidationTransport } from '../../apps/gateway/src/platform/invalidation/redis-invalidation.transport';
import { unique } from '../support/management-api';
import { waitUntil } from '../support/polling';
import { createPrivateDatabase, type PrivateDatabase } from '../support/private-database';
import { describeWithRedis, testRedisUrl } from '../support/redis';

const logger = pino({ level: 'silent' });

interface Receiver {
  messages: string[];
  reconnects: number;
}

async function started(transport: InvalidationTransport): Promise<Receiver> {
  const receiver: Receiver = { messages: [], reconnects: 0 };
  await transport.start(
    (payload) => receiver.messages.push(payload),
    () => receiver.reconnects++,
  );
  return receiver;
}

describe('Postgres LISTEN/NOTIFY transport', () => {
  let database: PrivateDatabase;
  let sql: Client;
  const transports: InvalidationTransport[] = [];
  beforeAll(async () => {
    database = await createPrivateDatabase();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });
  afterAll(async () => {
    await Promise.all(transports.map((transport) => transport.stop()));
    await sql?.end();
    await database?.drop();
  });

  const transport = () => {
    const created = new PostgresInvalidationTransport(
      database.url,
      async (channel, payload) => {
        await sql.query('SELECT pg_notify($1, $2)', [channel, payload]);
      },
      logger,
    );
    transports.push(created);
    return created;
  };

  it('delivers a published event to another instance', async () => {
    const [sender, receiver] = [transport(), transport()];
    await started(sender);
    const inbox = await started(receiver);
    const payload = encodeInvalidation('instance-a', { keys: [unique('key')] });
    await sender.publish(payload);
    await waitUntil('the event to reach the other instance', () => inbox.messages.includes(payload));
    expect(decodeInvalidation(inbox.messages[inbox.messages.length - 1]).origin).toBe('instance-a');
  });

  // That the gateway then drops every cached key is key-cache-invalidation.e2e-spec.ts's to show.
  it('reconnects after its connection is killed, reports the reconnect, and delivers again', async () => {
    const [sender, receiver] = [transport(), transport()];
    await started(sender);
    const inbox = await started(receiver);
    await sql.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'quarry-invalidation'",
    );
    await waitUntil('the listener to report its reconnection', () => inbox.reconnects >= 1);
    const payload = encodeInvalidation('instance-a', { teams: [unique('team')] });
    await waitUntil('an event published after the reconnection to arrive', async () => {
      await sender.publish(payload);
      return inbox.messages.includes(payload);
    });
  });
});

describeWithRedis('Redis pub/sub transport', () => {
  const transports: InvalidationTransport[] = [];
  afterAll(() => Promise.all(transports.map((transport) => transport.stop())));

  it('delivers a published event to another instance', async () => {
    const [sender, receiver] = [
      new RedisInvalidationTransport(testRedisUrl(), logger),
      new RedisInvalidationTransport(testRedisUrl(), logger),
    ];
    transports.push(sender, receiver);
    await started(sender);
    const inbox = await started(receiver);
    const payload = encodeInvalidation('instance-a', { users: [unique('user')] });
    await sender.publish(payload);
    await waitUntil('the event to reach the other instance', () => inbox.messages.includes(payload));
  });
});

describe('invalidation messages', () => {
  it('degrade to "everything changed" when too large for NOTIFY or malformed', () => {
    const huge = encodeInvalidation('a', {
      keys: Array.from({ length: 1000 }, (_, index) => `key-id-number-${index}`),
    });
    expect(decodeInvalidation(huge).event).toMatchObject({ all: true });
    expect(decodeInvalidation('not json').event).toEqual({ all: true });
  });
});
