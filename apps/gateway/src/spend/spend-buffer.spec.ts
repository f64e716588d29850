import type { SpendRecord, SpendStore, SpendTotals } from '@quarry/db';
import { SpendBuffer } from './spend-buffer';

function record(overrides: Partial<SpendRecord> = {}): SpendRecord {
  return {
    requestId: 'req',
    callType: 'chat',
    keyId: 'key-1',
    teamId: 'team-1',
    userId: 'user-1',
    modelName: 'claude',
    promptTokens: 10,
    completionTokens: 5,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cost: 0.5,
    latencyMs: 12,
    status: 'success',
    httpStatus: 200,
    startTime: new Date(),
    ...overrides,
  };
}

/** A store whose database can be down, and that refuses rows whose model has a NUL (as Postgres does). */
class FlakyStore implements SpendStore {
  written: SpendRecord[] = [];
  deadLetters: { row: SpendRecord; error: unknown }[] = [];
  keyTotals = new Map<string, number>();
  down = false;
  writes = 0;
  async write(rows: SpendRecord[], totals: SpendTotals): Promise<void> {
    this.writes++;
    if (this.down) throw new Error('database is down');
    if (rows.some((row) => row.modelName.includes('\u0000')))
      throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
    this.written.push(...rows);
    for (const [id, cost] of totals.keys) this.keyTotals.set(id, (this.keyTotals.get(id) ?? 0) + cost);
  }
  async setAside(row: SpendRecord, error: unknown): Promise<void> {
    if (this.down) throw new Error('database is down');
    this.deadLetters.push({ row, error });
  }
  async isReachable(): Promise<boolean> {
    return !this.down;
  }
}

function buffer(store: SpendStore, overrides: Partial<ConstructorParameters<typeof SpendBuffer>[1]> = {}) {
  const errors: unknown[] = [];
  let clock = 0;
  const spend = new SpendBuffer(
    store,
    {
      maxRows: 100,
      batchSize: 10,
      intervalMs: 1000,
      maxBackoffMs: 1000,
      onWriteError: (error) => errors.push(error),
      onRowsShed: () => undefined,
      onBadRow: () => undefined,
      ...overrides,
    },
    () => clock,
  );
  return { spend, errors, advance: (ms: number) => (clock += ms) };
}

describe('SpendBuffer', () => {
  it('writes buffered rows and adds their cost to the totals', async () => {
    const store = new FlakyStore();
    const { spend } = buffer(store);
    spend.add(record({ requestId: 'a' }));
    spend.add(record({ requestId: 'b', cost: 0.25 }));
    await spend.flush();
    expect(store.written.map((row) => row.requestId)).toEqual(['a', 'b']);
    expect(store.keyTotals.get('key-1')).toBeCloseTo(0.75);
    expect(spend.pendingRows).toBe(0);
  });

  it('keeps rows and totals when a write fails, and writes them once the database is back', async () => {
    const store = new FlakyStore();
    store.down = true;
    const { spend, errors, advance } = buffer(store);
    spend.add(record({ requestId: 'a' }));
    await spend.flush();
    expect(errors).toHaveLength(1);
    expect(spend.pendingRows).toBe(1);
    await spend.flush(); // still backing off: not attempted
    expect(errors).toHaveLength(1);
    advance(5000);
    await spend.flush();
    expect(errors).toHaveLength(2);
    store.down = false;
    advance(5000);
    spend.add(record({ requestId: 'b' }));
    await spend.flush();
    expect(store.written.map((row) => row.requestId)).toEqual(['a', 'b']);
    expect(store.keyTotals.get('key-1')).toBeCloseTo(1);
  });

  it('stays bounded at capacity but never loses cost from the totals', async () => {
    const store = new FlakyStore();
    const shed: number[] = [];
    const { spend } = buffer(store, { maxRows: 3, batchSize: 100, onRowsShed: (count) => shed.push(count) });
    for (let index = 0; index < 5; index++) spend.add(record({ requestId: `r${index}`, cost: 1 }));
    expect(spend.pendingRows).toBe(3);
    expect(spend.shedRows).toBe(2);
    await spend.flush();
    expect(store.written).toHaveLength(3);
    expect(store.keyTotals.get('key-1')).toBe(5);
  });

  it('drains everything on shutdown, batch by batch', async () => {
    const store = new FlakyStore();
    const { spend } = buffer(store, { batchSize: 2 });
    for (let index = 0; index < 5; index++) spend.add(record({ requestId: `r${index}` }));
    const left = await spend.drain(1000);
    expect(left).toBe(0);
    expect(store.written).toHaveLength(5);
  });

  it('does not report drained while a write started by the timer is still in flight', async () => {
    let release: () => void = () => undefined;
    const written: string[] = [];
    const slowStore: SpendStore = {
      setAside: async () => undefined,
      isReachable: async () => true,
      write: (rows) =>
        new Promise<void>((resolve) => {
          release = () => {
            written.push(...rows.map((row) => row.requestId));
            resolve();
          };
        }),
    };
    const { spend } = buffer(slowStore);
    spend.add(record({ requestId: 'in-flight' }));
    void spend.flush(); // as the interval timer would
    expect(spend.pendingRows).toBe(0); // the row left the buffer…
    let drained = false;
    const draining = spend.drain(1000).then(() => (drained = true));
    await Promise.resolve();
    expect(drained).toBe(false); // …but drain waits for it to reach the store
    release();
    await draining;
    expect(written).toEqual(['in-flight']);
  });

  it('skips the totals for zero-cost rows but still writes the rows', async () => {
    const store = new FlakyStore();
    const { spend } = buffer(store);
    spend.add(record({ cost: 0, status: 'error', httpStatus: 400 }));
    await spend.flush();
    expect(store.written).toHaveLength(1);
    expect(store.keyTotals.size).toBe(0);
  });

  it('sets a refused row aside and writes every other row of its batch, with all the totals', async () => {
    const store = new FlakyStore();
    const badRows: string[] = [];
    const { spend, errors } = buffer(store, { onBadRow: ({ row }) => badRows.push(row.requestId) });
    for (let index = 0; index < 10; index++)
      spend.add(
        record({ requestId: `r${index}`, modelName: index === 6 ? 'clau\u0000de' : 'claude', cost: 1 }),
      );
    await spend.flush();
    expect(store.written.map((row) => row.requestId).sort()).toEqual(
      ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r7', 'r8', 'r9'].sort(),
    );
    expect(store.deadLetters.map(({ row }) => row.requestId)).toEqual(['r6']);
    expect(String(store.deadLetters[0].error)).toContain('0x00');
    expect(badRows).toEqual(['r6']);
    expect(store.keyTotals.get('key-1')).toBe(10); // the refused row's cost was real: it still counts
    expect(spend.pendingRows).toBe(0);
    expect(errors).toHaveLength(0);
    // Later batches are not held back by it.
    spend.add(record({ requestId: 'later' }));
    await spend.flush();
    expect(store.written.map((row) => row.requestId)).toContain('later');
  });

  it('does not split a batch or set rows aside while the database is unreachable', async () => {
    const store = new FlakyStore();
    store.down = true;
    const { spend, errors } = buffer(store);
    for (let index = 0; index < 8; index++) spend.add(record({ requestId: `r${index}` }));
    await spend.flush();
    expect(store.writes).toBe(1);
    expect(store.deadLetters).toHaveLength(0);
    expect(spend.pendingRows).toBe(8);
    expect(errors).toHaveLength(1);
  });

  it('hands over everything it holds and takes it back ahead of newer rows', async () => {
    const store = new FlakyStore();
    const { spend } = buffer(store);
    spend.add(record({ requestId: 'old', cost: 2 }));
    const held = spend.takeAll();
    expect(spend.isEmpty).toBe(true);
    spend.add(record({ requestId: 'new', cost: 1 }));
    spend.restore(held);
    await spend.flush();
    expect(store.written.map((row) => row.requestId)).toEqual(['old', 'new']);
    expect(store.keyTotals.get('key-1')).toBe(3);
  });
});
