import type { SpendRecord } from './spend-record';
import type { SpendTotals } from './spend-totals';

/** Where batches of spend records go (the gateway's spend buffer writes through one; tests use fakes). */
export interface SpendStore {
  /** Writes rows and adds totals atomically; throws when nothing was written. */
  write(rows: SpendRecord[], totals: SpendTotals): Promise<void>;
}
