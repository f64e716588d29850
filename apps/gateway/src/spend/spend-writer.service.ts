// The Nest face of the spend buffer: one per process, started with the app, drained on shutdown.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { PrismaSpendStore, type SpendRecord } from '@quarry/db';
import { LOGGER } from '../platform/logging/logger.token';
import { ShutdownDrains } from '../platform/shutdown/shutdown-drains';
import { DEFAULT_SPEND_BUFFER_OPTIONS, SpendBuffer } from './spend-buffer';

const SHUTDOWN_DRAIN_MS = 10_000;

@Injectable()
export class SpendWriter implements OnModuleInit {
  private readonly buffer: SpendBuffer;

  constructor(
    store: PrismaSpendStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly drains: ShutdownDrains,
  ) {
    this.buffer = new SpendBuffer(store, {
      ...DEFAULT_SPEND_BUFFER_OPTIONS,
      onWriteError: (error, pendingRows) =>
        logger.error(
          { err: { message: (error as Error)?.message }, pendingRows },
          'spend write failed; rows kept for retry',
        ),
      onRowsShed: () =>
        logger.error({ shedRows: this.buffer.shedRows }, 'spend buffer full; row shed (totals kept)'),
    });
  }

  onModuleInit(): void {
    this.buffer.start();
    this.drains.register(() => this.drainForShutdown());
  }

  /** Never blocks and never throws: the request path only hands the record over. */
  record(record: SpendRecord): void {
    this.buffer.add(record);
  }

  /** Spend booked to this key, team or user here and not yet known to be written. */
  unwrittenSpend(kind: 'keys' | 'teams' | 'users', id: string): number {
    return this.buffer.unwrittenSpend(kind, id);
  }

  /** Rows recorded but not yet written. */
  get pendingRows(): number {
    return this.buffer.pendingRows;
  }

  /** For tests and admin tooling: write everything now. */
  async flush(): Promise<void> {
    await this.buffer.drain(SHUTDOWN_DRAIN_MS);
  }

  /** Registered as a shutdown drain: runs once no request can add rows any more. */
  private async drainForShutdown(): Promise<void> {
    this.buffer.stop();
    const left = await this.buffer.drain(SHUTDOWN_DRAIN_MS);
    if (left > 0)
      this.logger.error({ unwrittenRows: left }, 'spend rows could not be written before shutdown');
  }
}
