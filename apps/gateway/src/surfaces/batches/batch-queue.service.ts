// The gateway's side of the batch poll queue: sends the first poll of a new batch. pg-boss starts on
// the first batch (most gateways never create one). A failed send is logged, not the client's problem:
// workers sweep open batches at start and every minute.
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import { LOGGER } from '../../platform/logging/logger.token';
import { ensureBatchPollQueue, newBoss, sendBatchPoll } from './batch-poll-queue';

@Injectable()
export class BatchQueue implements OnApplicationShutdown {
  private boss: Promise<PgBoss> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async pollSoon(batchId: string): Promise<void> {
    try {
      await sendBatchPoll(await this.started(), { batchId, attempt: 0 }, this.config.batchPollSeconds);
    } catch (error) {
      this.logger.warn(
        { batchId, err: (error as Error).message },
        'could not queue the batch poll; a worker sweep will',
      );
    }
  }

  private started(): Promise<PgBoss> {
    this.boss ??= (async () => {
      const boss = newBoss(this.config.databaseUrl, false);
      boss.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'batch queue error'));
      await boss.start();
      await ensureBatchPollQueue(boss);
      return boss;
    })().catch((error: unknown) => {
      this.boss = undefined;
      throw error;
    });
    return this.boss;
  }

  async onApplicationShutdown(): Promise<void> {
    const boss = await this.boss?.catch(() => undefined);
    await boss?.stop({ graceful: false, wait: true });
  }
}
