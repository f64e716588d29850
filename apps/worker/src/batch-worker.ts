// The worker's loop on pg-boss: takes "poll this batch" jobs, polls, and queues the next poll with a
// growing wait until the batch is collected. Safe with several workers (pg-boss hands a job to one; the
// collecting transaction lets one win) and across restarts (jobs live in Postgres; a sweep at start and
// every minute re-queues any open batch that has no poll waiting, e.g. after a worker died mid-poll).
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { BatchesRepository } from '@quarry/db';
import { APP_CONFIG, type AppConfig } from '../../gateway/src/platform/config/app-config';
import { LOGGER } from '../../gateway/src/platform/logging/logger.token';
import {
  BATCH_POLL_QUEUE,
  ensureBatchPollQueue,
  newBoss,
  sendBatchPoll,
  type BatchPollJob,
} from '../../gateway/src/surfaces/batches/batch-poll-queue';
import { BatchPoller } from './batch-poller';

const SWEEP_INTERVAL_MS = 60_000;

@Injectable()
export class BatchWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly boss: PgBoss;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly batches: BatchesRepository,
    private readonly poller: BatchPoller,
  ) {
    this.boss = newBoss(config.databaseUrl, true);
    this.boss.on('error', (error: Error) => this.logger.warn({ err: error.message }, 'batch queue error'));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    await ensureBatchPollQueue(this.boss);
    await this.boss.work<BatchPollJob>(
      BATCH_POLL_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: Math.max(0.5, Math.min(this.config.batchPollSeconds, 2)) },
      async ([job]) => this.handle(job.data),
    );
    await this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    // Lets a poll in progress finish (its batch stays consistent either way), then stops.
    await this.boss.stop({ graceful: true, wait: true, timeout: 20_000 });
  }

  private async handle(job: BatchPollJob): Promise<void> {
    const result = await this.poller.poll(job.batchId, job.attempt);
    if (result === 'open')
      await sendBatchPoll(
        this.boss,
        { batchId: job.batchId, attempt: job.attempt + 1 },
        this.config.batchPollSeconds,
      );
  }

  /** Queues a poll for every open batch (the queue's policy drops one that already has a poll waiting). */
  private async sweep(): Promise<void> {
    try {
      for (const batchId of await this.batches.openIds())
        await sendBatchPoll(this.boss, { batchId, attempt: 0 }, 0.05);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'batch sweep failed');
    }
  }
}
