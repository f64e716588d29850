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

class FlakyStore implements SpendStore {
  written: SpendRecord[] = [];
  keyTotals = new Map<string, number>();
  failuresLeft = 0;
  async write(rows: SpendRecord[], totals: SpendTotals): Promise<void> {
    if (this.failuresLeft > 0) {
      this.failuresLeft--;
      throw new Error('database is down');
    }
    this.written.push(...rows);
    for (const [id, cost] of totals.keys) this.keyTotals.set(id, (this.keyTotals.get(id) ?? 0) + cost);
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
    store.failuresLeft = 2;
    const { spend, errors, advance } = buffer(store);
    spend.add(record({ requestId: 'a' }));
    await spend.flush();
    expect(errors).toHaveLength(1);
    expect(spend.pendingRows).toBe(1);
    await spend.flush(); // still backing off: not attempted
    expect(errors).toHaveLength(1);
    advance(5000);
    await spend.flush();
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
});
