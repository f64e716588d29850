// The pg-boss queue between the gateway and the worker, on the same Postgres: one "poll this batch"
// job per open batch. The queue's `short` policy keeps at most one such job waiting per batch, so the
// gateway, a worker's follow-up and a worker's sweep never pile up duplicates; pg-boss hands each job
// to one worker, and a job whose worker died is handed out again once it expires.
import PgBoss from 'pg-boss';

export const BATCH_POLL_QUEUE = 'quarry-batch-poll';
/** A poll that has not finished in this long (the worker died) is given to another worker. */
const EXPIRE_SECONDS = 15 * 60;
/** Longest wait between two polls of one job. */
const MAX_DELAY_SECONDS = 10 * 60;

export interface BatchPollJob {
  batchId: string;
  /** Polls so far: the wait before the next one grows with it. */
  attempt: number;
}

export function newBoss(databaseUrl: string, worker: boolean): PgBoss {
  return new PgBoss({
    connectionString: databaseUrl,
    schema: 'pgboss',
    max: worker ? 4 : 2,
    // Only workers run pg-boss's maintenance (expiry, archiving); the gateway just sends.
    supervise: worker,
    schedule: false,
  });
}

export async function ensureBatchPollQueue(boss: PgBoss): Promise<void> {
  if (await boss.getQueue(BATCH_POLL_QUEUE)) return;
  await boss
    .createQueue(BATCH_POLL_QUEUE, {
      name: BATCH_POLL_QUEUE,
      policy: 'short',
      retryLimit: 20,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: EXPIRE_SECONDS,
    })
    .catch(async (error: unknown) => {
      // Another process created it between the check and the create.
      if (!(await boss.getQueue(BATCH_POLL_QUEUE))) throw error;
    });
}

/** Queues the next poll of a batch after a wait that grows with each poll (base × 1.5^attempt, capped). */
export function sendBatchPoll(boss: PgBoss, job: BatchPollJob, baseSeconds: number): Promise<string | null> {
  const delay = Math.min(baseSeconds * 1.5 ** Math.min(job.attempt, 30), MAX_DELAY_SECONDS);
  return boss.send(BATCH_POLL_QUEUE, job, {
    singletonKey: job.batchId,
    startAfter: new Date(Date.now() + delay * 1000),
  });
}
