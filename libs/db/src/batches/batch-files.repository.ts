// batch_files: uploads and output files, always read through the caller's owner scope (another team's
// file is "not found"). Writes are the system's: the owner is on the record.
import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/client';
import { PrismaService } from '../prisma.service';
import type {
  BatchFileRecord,
  InputFileContent,
  ListPage,
  NewBatchFile,
  NewInputFile,
} from './batch-file.record';
import { ownerWhere, type OwnerScope } from './owner-scope';

@Injectable()
export class BatchFilesRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(file: NewBatchFile): Promise<BatchFileRecord> {
    return this.prisma.batchFile.create({
      data: { ...file, records: file.records as Prisma.InputJsonValue },
    });
  }

  /** A chat input file and its bytes, in one statement. */
  createInputFile(file: NewInputFile): Promise<BatchFileRecord> {
    const { data, ...record } = file;
    return this.prisma.batchFile.create({
      data: { ...record, bytes: data.length, content: { create: { data: data as Uint8Array<ArrayBuffer> } } },
    });
  }

  /** The caller's files among `ids` with their stored bytes (one query); others' files are simply absent. */
  async findContents(scope: OwnerScope, ids: readonly string[]): Promise<InputFileContent[]> {
    const rows = await this.prisma.batchFile.findMany({
      where: { ...ownerWhere(scope), id: { in: [...ids] } },
      select: { id: true, filename: true, purpose: true, format: true, content: { select: { data: true } } },
    });
    return rows.map(({ content, ...row }) => ({ ...row, data: content?.data ?? null }));
  }

  /** The stored bytes of one of the caller's input files, or null. */
  async contentOf(scope: OwnerScope, id: string): Promise<Uint8Array | null> {
    const [file] = await this.findContents(scope, [id]);
    return file?.data ?? null;
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
