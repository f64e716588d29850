// Buffers spend records off the request path and writes them in batches. Rules (LESSONS "Tenancy,
// limits, spend"): never block a response; bounded memory; a failed write keeps its rows and retries
// with backoff; totals (key/team/user spend) are never lost, even when rows must be shed at capacity;
// a row the database refuses is set aside on its own (writeIsolatingBadRows), never retried forever.
import { SpendTotals, type SpendRecord, type SpendStore, type SpendTotalKind } from '@quarry/db';
import { writeIsolatingBadRows, type BadRowReport } from './write-isolating-bad-rows';

export interface SpendBufferOptions {
  /** Rows held at most; beyond it rows are shed (counted and reported) but their cost still reaches the totals. */
  maxRows: number;
  /** Rows per write. */
  batchSize: number;
  /** Time between scheduled flushes. */
  intervalMs: number;
  maxBackoffMs: number;
  onWriteError: (error: unknown, pendingRows: number) => void;
  onRowsShed: (count: number) => void;
  /** A row the database refused, set aside so the rest of its batch could be written. */
  onBadRow: (report: BadRowReport) => void;
}

/** What a buffer holds and has not written: rows and the totals not yet added. */
export interface HeldSpend {
  rows: SpendRecord[];
  totals: SpendTotals;
}

export const DEFAULT_SPEND_BUFFER_OPTIONS: Omit<
  SpendBufferOptions,
  'onWriteError' | 'onRowsShed' | 'onBadRow'
> = {
  maxRows: 100_000,
  batchSize: 1_000,
  intervalMs: 500,
  maxBackoffMs: 30_000,
};

export class SpendBuffer {
  private rows: SpendRecord[] = [];
  private totals = new SpendTotals();
  private inFlight: Promise<void> | undefined;
  /** Totals of the write in flight: out of the buffer, maybe not yet in the database. */
  private writing: SpendTotals | undefined;
  private writesCommitted = 0;
  private consecutiveFailures = 0;
  private nextAttemptAt = 0;
  private timer: NodeJS.Timeout | undefined;
  shedRows = 0;

  constructor(
    private readonly store: SpendStore,
    private readonly options: SpendBufferOptions,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.options.intervalMs);
    this.timer.unref();
  }

  add(record: SpendRecord): void {
    this.totals.add(record);
    if (this.rows.length >= this.options.maxRows) {
      this.shedRows++;
      this.options.onRowsShed(1);
      return;
    }
    this.rows.push(record);
    if (this.rows.length >= this.options.batchSize && !this.inFlight) void this.flush();
  }

  get pendingRows(): number {
    return this.rows.length;
  }

  /**
   * Spend booked here and not known to be in the database yet (held, or in a write in flight): added to
   * what the database says, it gives the live figure. A write that commits while the database is read
   * is counted twice for that instant, which errs on the side of the budget.
   */
  unwrittenSpend(kind: SpendTotalKind, id: string): number {
    return (this.totals[kind].get(id) ?? 0) + (this.writing?.[kind].get(id) ?? 0);
  }

  /** Counts the writes this buffer has committed: a figure read from the database before is stale. */
  get committedWrites(): number {
    return this.writesCommitted;
  }

  /** Neither rows nor totals held. */
  get isEmpty(): boolean {
    return this.rows.length === 0 && this.totals.isEmpty;
  }

  /** Writes what is buffered (one batch at a time); resolves when that attempt is over, never rejects. */
  flush(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.rows.length === 0 && this.totals.isEmpty) return Promise.resolve();
    if (this.now() < this.nextAttemptAt) return Promise.resolve();
    this.inFlight = this.writeOneBatch().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * Flushes until empty — including a write already in flight, whose rows have left the buffer but are
   * not in the database yet — or until the deadline passes. Returns the rows left unwritten.
   */
  async drain(timeoutMs: number): Promise<number> {
    const deadline = this.now() + timeoutMs;
    this.nextAttemptAt = 0;
    while (this.now() < deadline) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      if (this.rows.length === 0 && this.totals.isEmpty) break;
      await this.flush();
      if (this.consecutiveFailures > 0)
        await delay(Math.min(250 * this.consecutiveFailures, deadline - this.now()));
      this.nextAttemptAt = 0;
    }
    return this.rows.length;
  }

  /** Empties the buffer and hands over what it held (to spill it to a file at shutdown). */
  takeAll(): HeldSpend {
    const held = { rows: this.rows, totals: this.totals.take() };
    this.rows = [];
    return held;
  }

  /** Takes back spend held earlier (a spill file replayed at start), ahead of newer rows. */
  restore(held: HeldSpend): void {
    this.rows = held.rows.concat(this.rows);
    this.totals.restore(held.totals);
  }

  private async writeOneBatch(): Promise<void> {
    const batch = this.rows.splice(0, this.options.batchSize);
    // Totals travel with the first batch that carries them; later batches carry whatever accrued since.
    const totals = this.totals.take();
    this.writing = totals;
    const unwritten = await writeIsolatingBadRows(this.store, batch, totals, this.options.onBadRow).catch(
      (error: unknown) => ({ rows: batch, totals, error }),
    );
    this.writing = undefined;
    if (!unwritten) {
      this.writesCommitted++;
      this.consecutiveFailures = 0;
      return;
    }
    // Restored in the same tick as `writing` is cleared: a live read never misses these totals.
    this.rows = unwritten.rows.concat(this.rows);
    this.totals.restore(unwritten.totals);
    this.consecutiveFailures++;
    const backoff = Math.min(this.options.maxBackoffMs, 250 * 2 ** Math.min(this.consecutiveFailures, 10));
    this.nextAttemptAt = this.now() + backoff;
    this.options.onWriteError(unwritten.error, this.rows.length);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
