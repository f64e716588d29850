// Writes a batch of spend rows, the daily roll-up and the key/team/user totals in one transaction,
// so reports and totals never disagree with the rows they summarise.
// Spend rows are written as the system, not for a caller: each row carries the key, team and user it is
// booked to, so no caller scope applies.
import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';
import type { SpendRecord } from './spend-record';
import type { SpendStore } from './spend-store';
import type { SpendTotals } from './spend-totals';
import { insertSpendBatch, toSpendLogRow } from './spend-batch-insert';
import { storableJson, storableText } from './storable-text';
import { writeBudgetTotals } from './budget-totals';

/** Longest error text kept with a dead letter (Postgres messages quote the value that failed). */
const DEAD_LETTER_ERROR_CHARS = 2_000;

@Injectable()
export class PrismaSpendStore implements SpendStore {
  constructor(private readonly prisma: PrismaService) {}

  async write(rows: SpendRecord[], totals: SpendTotals): Promise<void> {
    await this.prisma.$transaction((tx) => writeSpendIn(tx, rows, totals));
  }

  async setAside(row: SpendRecord, error: unknown): Promise<void> {
    await this.prisma.spendDeadLetter.create({
      data: {
        requestId: storableText(String(row.requestId)),
        row: storableJson(row) as object,
        error: storableText(describeError(error)).slice(0, DEAD_LETTER_ERROR_CHARS),
      },
    });
  }

  async isReachable(): Promise<boolean> {
    try {
      await this.prisma.$queryRaw`SELECT 1`;
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Writes rows, the daily roll-up and the totals inside the caller's transaction (the batch worker books
 * a batch's cost in the same transaction that marks the batch collected, so it is booked exactly once).
 */
export async function writeSpendIn(
  tx: Pick<PrismaService, '$executeRaw'>,
  rows: SpendRecord[],
  totals: SpendTotals,
): Promise<void> {
  if (rows.length > 0) await insertSpendBatch(tx, rows.map(toSpendLogRow));
  for (const [id, cost] of totals.keys)
    await tx.$executeRaw`UPDATE virtual_keys SET spend = spend + ${cost} WHERE token_id = ${id}`;
  for (const [id, cost] of totals.teams)
    await tx.$executeRaw`UPDATE teams SET spend = spend + ${cost} WHERE team_id = ${id}`;
  for (const [id, cost] of totals.users)
    await tx.$executeRaw`UPDATE users SET spend = spend + ${cost} WHERE user_id = ${id}`;
  await writeBudgetTotals(tx, totals);
}

/** Prisma wraps the driver's error; the Postgres message underneath says what was refused. */
function describeError(error: unknown): string {
  const cause = (
    error as { meta?: { driverAdapterError?: { cause?: { code?: unknown; message?: unknown } } } }
  )?.meta?.driverAdapterError?.cause;
  if (cause && typeof cause.message === 'string')
    return `${String(cause.code ?? '')} ${cause.message}`.trim();
  return error instanceof Error ? error.message : String(error);
}
