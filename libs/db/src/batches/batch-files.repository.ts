// batch_files: uploads and output files, always read through the caller's owner scope (another team's
// file is "not found"). Writes are the system's: the owner is on the record.
import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/client';
import { PrismaService } from '../prisma.service';
import type { BatchFileRecord, ListPage, NewBatchFile } from './batch-file.record';
import { ownerWhere, type OwnerScope } from './owner-scope';

@Injectable()
export class BatchFilesRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(file: NewBatchFile): Promise<BatchFileRecord> {
    return this.prisma.batchFile.create({
      data: { ...file, records: file.records as Prisma.InputJsonValue },
    });
  }

  find(scope: OwnerScope, id: string): Promise<BatchFileRecord | null> {
    return this.prisma.batchFile.findFirst({ where: { ...ownerWhere(scope), id } });
  }

  /** Newest first; `after` is a file id of an earlier page (ignored when not the caller's). */
  async list(scope: OwnerScope, page: ListPage, purpose?: string): Promise<BatchFileRecord[]> {
    const where = { ...ownerWhere(scope), ...(purpose ? { purpose } : {}) };
    const after = page.after ? await this.find(scope, page.after) : null;
    return this.prisma.batchFile.findMany({
      where: after ? { ...where, OR: olderThan(after) } : where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: page.limit,
    });
  }

  /** @returns whether the caller's file existed (and is now gone). */
  async delete(scope: OwnerScope, id: string): Promise<boolean> {
    const { count } = await this.prisma.batchFile.deleteMany({ where: { ...ownerWhere(scope), id } });
    return count > 0;
  }
}

/** Rows after `row` in newest-first order (ties on created_at broken by id). */
export function olderThan(row: { id: string; createdAt: Date }) {
  return [{ createdAt: { lt: row.createdAt } }, { createdAt: row.createdAt, id: { lt: row.id } }];
}
