// Issue 12 #1: no input from a client may stop spend recording. A NUL character in `user` or `model`
// used to refuse the whole spend batch in Postgres, which the buffer then retried forever.
import { randomUUID } from 'node:crypto';
import { PrismaService, PrismaSpendStore, type SpendRecord } from '@quarry/db';
import { SpendBuffer } from '../../apps/gateway/src/spend/spend-buffer';
import { startChatFixture, type ChatFixture } from '../chat/chat-fixture';

let fixture: ChatFixture;

beforeAll(async () => {
  fixture = await startChatFixture();
});

afterAll(async () => {
  await fixture?.close();
});

function chat(body: Record<string, unknown>, requestId: string) {
  return fixture.gateway.request('/v1/chat/completions', {
    method: 'POST',
    key: fixture.tenant.key,
    headers: { 'x-request-id': requestId },
    json: { messages: [{ role: 'user', content: 'x' }], ...body },
  });
}

async function rowsOf(requestIds: string[]) {
  await fixture.flushSpend();
  return fixture.prisma.spendLog.findMany({ where: { requestId: { in: requestIds } } });
}

describe('spend recording against hostile values', () => {
  it('refuses a NUL in `user` at the edge, naming user, and keeps writing every spend row', async () => {
    const refused = `nul-user-${randomUUID()}`;
    const response = await chat({ model: 'claude-haiku', user: 'u\u0000x' }, refused);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: unknown };
    expect(body.error).toMatchObject({ param: 'user', type: 'invalid_request_error' });

    const later = `after-nul-user-${randomUUID()}`;
    expect((await chat({ model: 'claude-haiku', user: 'alice' }, later)).status).toBe(200);
    const rows = await rowsOf([refused, later]);
    expect(rows.map((row) => row.requestId).sort()).toEqual([later, refused].sort());
    expect(rows.find((row) => row.requestId === later)?.endUser).toBe('alice');
  });

  it('books a NUL model (a 404) with the character escaped, and the requests after it too', async () => {
    const unknownModel = `nul-model-${randomUUID()}`;
    const response = await chat({ model: 'clau\u0000de' }, unknownModel);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error?: unknown }).error).toBeDefined();

    const later = `after-nul-model-${randomUUID()}`;
    expect((await chat({ model: 'claude-haiku' }, later)).status).toBe(200);
    const rows = await rowsOf([unknownModel, later]);
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.requestId === unknownModel)?.modelName).toBe('clau\\u0000de');
  });
});

describe('spend rows stay bounded whatever the client sends', () => {
  it('keeps at most 256 characters of a huge `user`, and books the request', async () => {
    const requestId = `huge-user-${randomUUID()}`;
    expect((await chat({ model: 'claude-haiku', user: 'u'.repeat(300_000) }, requestId)).status).toBe(200);
    const [row] = await rowsOf([requestId]);
    expect(row.endUser).toBe('u'.repeat(256));
  });

  it('books a `user` holding an unpaired surrogate with U+FFFD in its place', async () => {
    const requestId = `surrogate-user-${randomUUID()}`;
    expect((await chat({ model: 'claude-haiku', user: 'a\ud800b' }, requestId)).status).toBe(200);
    const [row] = await rowsOf([requestId]);
    expect(row.endUser).toBe('a\ufffdb');
  });
});

describe('a batch the database refuses', () => {
  function record(requestId: string, overrides: Partial<SpendRecord> = {}): SpendRecord {
    return {
      requestId,
      callType: 'chat',
      keyId: fixture.tenant.keyId,
      modelName: 'claude-haiku',
      promptTokens: 1,
      completionTokens: 1,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cost: 0,
      latencyMs: 5,
      status: 'success',
      httpStatus: 200,
      startTime: new Date(),
      ...overrides,
    };
  }

  it('sets the one bad row aside in spend_dead_letters and writes every other row', async () => {
    const store = new PrismaSpendStore(fixture.prisma as unknown as PrismaService);
    const badRows: string[] = [];
    const writeErrors: unknown[] = [];
    const buffer = new SpendBuffer(store, {
      maxRows: 1000,
      batchSize: 100,
      intervalMs: 60_000,
      maxBackoffMs: 1000,
      onWriteError: (error) => writeErrors.push(error),
      onRowsShed: () => undefined,
      onBadRow: ({ row }) => badRows.push(row.requestId),
    });
    const prefix = `batch-${randomUUID()}`;
    const ids = Array.from({ length: 9 }, (_, index) => `${prefix}-${index}`);
    // latency_ms is an int column: 10^12 ms is refused by Postgres, whatever the gateway does upstream.
    for (const [index, id] of ids.entries()) buffer.add(record(id, index === 4 ? { latencyMs: 1e12 } : {}));
    expect(await buffer.drain(10_000)).toBe(0);

    const written = await fixture.prisma.spendLog.findMany({ where: { requestId: { startsWith: prefix } } });
    expect(written.map((row) => row.requestId).sort()).toEqual(ids.filter((_, index) => index !== 4).sort());
    const deadLetters = await fixture.prisma.spendDeadLetter.findMany({ where: { requestId: ids[4] } });
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0].row).toMatchObject({
      requestId: ids[4],
      latencyMs: 1e12,
      modelName: 'claude-haiku',
    });
    expect(deadLetters[0].error).toMatch(/out of range/i);
    expect(badRows).toEqual([ids[4]]);
    expect(writeErrors).toHaveLength(0);
  });

  it('keeps a refused row in spend_dead_letters even when it holds an unpaired surrogate', async () => {
    const store = new PrismaSpendStore(fixture.prisma as unknown as PrismaService);
    const requestId = `dead-surrogate-${randomUUID()}`;
    // jsonb (the dead-letter copy) refuses "\ud800" where text columns take it as U+FFFD.
    await store.setAside(record(requestId, { endUser: 'x\ud800', latencyMs: 1e12 }), new Error('refused'));
    const [deadLetter] = await fixture.prisma.spendDeadLetter.findMany({ where: { requestId } });
    expect(deadLetter.row).toMatchObject({ requestId, endUser: 'x\ufffd' });
  });
});
