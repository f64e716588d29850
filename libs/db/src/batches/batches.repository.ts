// batches: created by the gateway, moved along by the worker. Reads take the caller's owner scope; the
// worker's writes are the system's. Collecting a batch (its output files and its cost) happens once: the
// transaction that stores them also sets collected_at, and only if it was not set.
import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/client';
import { PrismaService } from '../prisma.service';
import type { SpendRecord } from '../spend/spend-record';
import { SpendTotals } from '../spend/spend-totals';
import { writeSpendIn } from '../spend/prisma-spend-store';
import type { ListPage, NewBatchFile } from './batch-file.record';
import { olderThan } from './batch-files.repository';
import type { BatchProgress, BatchRecord, NewBatch } from './batch.record';
import { ownerWhere, type OwnerScope } from './owner-scope';

/** Statuses after which a batch never changes again. */
const FINAL_STATUSES = ['completed', 'failed', 'expired', 'cancelled'];

export interface BatchCollection {
  status: string;
  progress: BatchProgress;
  files: NewBatchFile[];
  outputFileId: string | null;
  errorFileId: string | null;
  spend: SpendRecord[];
}

@Injectable()
export class BatchesRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(batch: NewBatch): Promise<BatchRecord> {
    return this.prisma.batch.create({
      data: {
        ...batch,
        metadata: (batch.metadata ?? undefined) as Prisma.InputJsonValue | undefined,
        price: (batch.price ?? undefined) as Prisma.InputJsonValue | undefined,
      },
    });
  }

  find(scope: OwnerScope, id: string): Promise<BatchRecord | null> {
    return this.prisma.batch.findFirst({ where: { ...ownerWhere(scope), id } });
  }

  /** For the worker, which acts for every tenant. */
  findById(id: string): Promise<BatchRecord | null> {
    return this.prisma.batch.findUnique({ where: { id } });
  }

  async list(scope: OwnerScope, page: ListPage): Promise<BatchRecord[]> {
    const where = ownerWhere(scope);
    const after = page.after ? await this.find(scope, page.after) : null;
    return this.prisma.batch.findMany({
      where: after ? { ...where, OR: olderThan(after) } : where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit,
    });
  }

  /** Batches the worker still has to follow (after a restart, or when the gateway could not queue them). */
  async openIds(): Promise<string[]> {
    const rows = await this.prisma.batch.findMany({
      where: { collectedAt: null, jobArn: { not: null } },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /** Whether a batch that has not been collected yet reads this input file. */
  async hasOpenBatchFor(inputFileId: string): Promise<boolean> {
    return (await this.prisma.batch.count({ where: { inputFileId, collectedAt: null } })) > 0;
  }

  /** Records what a poll saw; a batch already collected is left as it is. Timestamps are set once. */
  async progress(id: string, progress: BatchProgress): Promise<void> {
    const current = await this.findById(id);
    if (!current || current.collectedAt) return;
    const data: Prisma.BatchUpdateInput = {};
    for (const [field, value] of Object.entries(progress)) {
      if (value === undefined) continue;
      if (value instanceof Date && current[field as keyof BatchRecord] !== null) continue;
      (data as Record<string, unknown>)[field] = value;
    }
    if (FINAL_STATUSES.includes(current.status) && progress.status && progress.status !== current.status)
      delete data.status;
    await this.prisma.batch.updateMany({ where: { id, collectedAt: null }, data });
  }

  /**
   * Stores the output files, the final status and the cost, once. @returns false when another worker
   * collected the batch first (nothing is written then).
   */
  collect(id: string, collection: BatchCollection): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.batch.updateMany({
        where: { id, collectedAt: null },
        data: {
          ...progressData(collection.progress),
          status: collection.status,
          outputFileId: collection.outputFileId,
          errorFileId: collection.errorFileId,
          cost: collection.spend.reduce((sum, row) => sum + row.cost, 0),
          collectedAt: new Date(),
        },
      });
      if (count === 0) return false;
      for (const file of collection.files)
        await tx.batchFile.create({ data: { ...file, records: file.records as Prisma.InputJsonValue } });
      const totals = new SpendTotals();
      for (const row of collection.spend) totals.add(row);
      await writeSpendIn(tx, collection.spend, totals);
      return true;
    });
  }
}

function progressData(progress: BatchProgress): Prisma.BatchUpdateManyMutationInput {
  const data: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(progress)) if (value !== undefined) data[field] = value;
  return data as Prisma.BatchUpdateManyMutationInput;
}
