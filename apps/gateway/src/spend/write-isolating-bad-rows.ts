// Writes a batch so that no single row can hold the others back. A batch the database refuses is split
// in halves, and halves again, until the row it refuses stands alone; that row is set aside (dead-letter
// table) and every other row is written. Splitting only happens while the database answers: when it is
// unreachable (or the write lost a race), every row is handed back for a later retry: no row is to blame.
import { isRetryableDatabaseError, SpendTotals, type SpendRecord, type SpendStore } from '@quarry/db';

export interface UnwrittenSpend {
  rows: SpendRecord[];
  totals: SpendTotals;
  error: unknown;
}

export interface BadRowReport {
  row: SpendRecord;
  error: unknown;
  /** False when even the dead-letter table refused it: the row is only in the log. */
  keptInDeadLetters: boolean;
}

/** Returns what was not written because the database is unreachable, or undefined when all is done. */
export async function writeIsolatingBadRows(
  store: SpendStore,
  rows: SpendRecord[],
  totals: SpendTotals,
  onBadRow: (report: BadRowReport) => void,
): Promise<UnwrittenSpend | undefined> {
  const segments: SpendRecord[][] = [rows];
  // Totals ride with the first segment written; a segment that fails passes them on to the next.
  let carriedTotals = totals;
  while (segments.length > 0) {
    const segment = segments[0];
    try {
      await store.write(segment, carriedTotals);
      segments.shift();
      carriedTotals = new SpendTotals();
      continue;
    } catch (error) {
      // Totals alone name only our own ids: if they fail, it is the database, not a client's data. A
      // lost race (deadlock) or an outage is no row's fault either: everything waits for the retry.
      if (segment.length === 0 || isRetryableDatabaseError(error) || !(await store.isReachable()))
        return { rows: segments.flat(), totals: carriedTotals, error };
      if (segment.length > 1) {
        const middle = Math.ceil(segment.length / 2);
        segments.splice(0, 1, segment.slice(0, middle), segment.slice(middle));
        continue;
      }
      const setAside = await setAsideOne(store, segment[0], error);
      if (setAside === 'unreachable') return { rows: segments.flat(), totals: carriedTotals, error };
      onBadRow({ row: segment[0], error, keptInDeadLetters: setAside === 'kept' });
      segments.shift();
    }
  }
  // The last segment was a refused row: what it carried still has to be written.
  if (!carriedTotals.isEmpty) return writeIsolatingBadRows(store, [], carriedTotals, onBadRow);
  return undefined;
}

async function setAsideOne(
  store: SpendStore,
  row: SpendRecord,
  error: unknown,
): Promise<'kept' | 'logged-only' | 'unreachable'> {
  try {
    await store.setAside(row, error);
    return 'kept';
  } catch {
    return (await store.isReachable()) ? 'logged-only' : 'unreachable';
  }
}
