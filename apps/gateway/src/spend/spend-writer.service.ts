// The Nest face of the spend buffer: one per process, started with the app, drained on shutdown. What a
// shutdown cannot write (the database is away) is spilled to a file in the data directory and written at
// the next start.
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { PrismaSpendStore, type SpendRecord, type SpendTotalKind } from '@quarry/db';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { LOGGER } from '../platform/logging/logger.token';
import { ShutdownDrains } from '../platform/shutdown/shutdown-drains';
import { DEFAULT_SPEND_BUFFER_OPTIONS, SpendBuffer } from './spend-buffer';
import { claimSpilledSpend, spillHeldSpend } from './spend-spill-file';

const SHUTDOWN_DRAIN_MS = 10_000;
/** How long start-up waits for spilled spend to be written before it goes on (the rows stay buffered). */
const SPILL_REPLAY_MS = 5_000;

@Injectable()
export class SpendWriter implements OnModuleInit {
  private readonly buffer: SpendBuffer;

  constructor(
    store: PrismaSpendStore,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly drains: ShutdownDrains,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
      // The request id finds the request in the logs; the row itself is in spend_dead_letters.
      onBadRow: ({ row, error, keptInDeadLetters }) =>
        logger.error(
          {
            reqId: row.requestId,
            err: { message: (error as Error)?.message?.slice(0, 500) },
            keptInDeadLetters,
            ...(keptInDeadLetters ? {} : { row }),
          },
          'spend row refused by the database; set aside, the rest of its batch written',
        ),
    });
  }

  async onModuleInit(): Promise<void> {
    this.buffer.start();
    this.drains.register(() => this.drainForShutdown());
    await this.replaySpilledSpend();
  }

  /** Never blocks and never throws: the request path only hands the record over. */
  record(record: SpendRecord): void {
    this.buffer.add(record);
  }

  /** Spend booked to this key, team, user, member, end user or key model here and not yet known to be written. */
  unwrittenSpend(kind: SpendTotalKind, id: string): number {
    return this.buffer.unwrittenSpend(kind, id);
  }

  /** Grows with every write committed here; a database figure read before it changed is stale. */
  get committedWrites(): number {
    return this.buffer.committedWrites;
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
    if (left === 0 && this.buffer.isEmpty) return;
    const held = this.buffer.takeAll();
    try {
      const file = await spillHeldSpend(this.config.dataDir, held);
      this.logger.warn(
        { unwrittenRows: held.rows.length, file },
        'spend rows spilled to a file for the next start',
      );
    } catch (error) {
      this.logger.error(
        { unwrittenRows: held.rows.length, err: { message: (error as Error)?.message } },
        'spend rows could not be written before shutdown nor spilled to a file',
      );
    }
  }

  /** Spend a previous process spilled at shutdown: back into the buffer, written, then the file deleted. */
  private async replaySpilledSpend(): Promise<void> {
    const spill = await claimSpilledSpend(this.config.dataDir).catch((error: unknown) => {
      this.logger.error({ err: { message: (error as Error)?.message } }, 'spilled spend could not be read');
      return undefined;
    });
    if (!spill) return;
    this.buffer.restore(spill.held);
    const left = await this.buffer.drain(SPILL_REPLAY_MS);
    // Rows still unwritten stay in the buffer (and are spilled again should this process stop first).
    await spill.release();
    this.logger.info({ replayedRows: spill.held.rows.length, unwrittenRows: left }, 'spilled spend replayed');
  }
}
