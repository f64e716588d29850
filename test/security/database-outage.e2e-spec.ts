// Issue 12 #7: with Postgres gone, virtual-key requests answer 503 with Retry-After (not 500), and spend
// held at a shutdown the database missed is spilled to the data directory and written at the next start.
// The gateway reaches the test database through a TCP relay this spec owns: closing the relay is the
// database going away, for this gateway only.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SpendWriter } from '../../apps/gateway/src/spend/spend-writer.service';
import { newPrismaClient, testDatabaseUrl } from '../support/database';
import { startTestGateway } from '../support/test-gateway';
import { createTenant } from '../support/tenants';

const prisma = newPrismaClient();

afterAll(async () => {
  await prisma.$disconnect();
});

interface DatabaseRelay {
  databaseUrl: string;
  /** The database "goes away": the listener closes and every relayed connection is cut. */
  stop(): Promise<void>;
}

async function startDatabaseRelay(): Promise<DatabaseRelay> {
  const target = new URL(testDatabaseUrl());
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relayed = new URL(target);
  relayed.hostname = '127.0.0.1';
  relayed.port = String((server.address() as { port: number }).port);
  return {
    databaseUrl: relayed.toString(),
    async stop() {
      const closed = new Promise((resolve) => server.close(resolve));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

it('answers a virtual-key request with a 503 and Retry-After while the database is down', async () => {
  const relay = await startDatabaseRelay();
  const gateway = await startTestGateway({ env: { DATABASE_URL: relay.databaseUrl } });
  try {
    const tenant = await createTenant(gateway, { keyModels: ['claude'] });
    await relay.stop();
    const response = await gateway.request('/v1/chat/completions', {
      method: 'POST',
      key: tenant.key,
      json: { model: 'claude', messages: [{ role: 'user', content: 'x' }] },
    });
    expect(response.status).toBe(503);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({
      error: { message: expect.any(String), type: 'server_error', param: null, code: 'service_unavailable' },
    });
  } finally {
    await gateway.close();
  }
});

it('spills held spend to the data directory at a shutdown without database, and writes it at the next start', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'quarry-data-'));
  const relay = await startDatabaseRelay();
  const first = await startTestGateway({
    env: { DATABASE_URL: relay.databaseUrl, QUARRY_DATA_DIR: dataDir },
  });
  await relay.stop();
  // The master key needs no database; the unknown model is a 404 that still books its spend row.
  const requestId = `spilled-${randomUUID()}`;
  const refused = await first.request('/v1/chat/completions', {
    method: 'POST',
    headers: { 'x-request-id': requestId },
    json: { model: `no-such-model-${requestId}`, messages: [{ role: 'user', content: 'x' }] },
  });
  expect(refused.status).toBe(404);
  expect(first.app.get(SpendWriter).pendingRows).toBeGreaterThan(0);
  await first.close();

  const spilled = (await readdir(dataDir)).filter((name) => name.startsWith('spend-spill-'));
  expect(spilled).toHaveLength(1);
  expect(await readFile(path.join(dataDir, spilled[0]), 'utf8')).toContain(requestId);

  const second = await startTestGateway({ env: { QUARRY_DATA_DIR: dataDir } });
  try {
    const row = await prisma.spendLog.findFirst({ where: { requestId } });
    expect(row).toMatchObject({ httpStatus: 404, modelName: `no-such-model-${requestId}` });
    expect(await readdir(dataDir)).toEqual([]);
  } finally {
    await second.close();
  }
}, 60_000);
