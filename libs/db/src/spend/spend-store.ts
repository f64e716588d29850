import type { SpendRecord } from './spend-record';
import type { SpendTotals } from './spend-totals';

/** Where batches of spend records go (the gateway's spend buffer writes through one; tests use fakes). */
export interface SpendStore {
  /** Writes rows and adds totals atomically; throws when nothing was written. */
  write(rows: SpendRecord[], totals: SpendTotals): Promise<void>;
  /** Keeps a row the database refused, with the reason, in the dead-letter table; throws when it cannot. */
  setAside(row: SpendRecord, error: unknown): Promise<void>;
  /** Whether the database answers at all: tells an outage (retry later) from a refused row (set it aside). */
  isReachable(): Promise<boolean>;
}
