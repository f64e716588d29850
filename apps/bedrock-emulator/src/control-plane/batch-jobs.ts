// The batch job store and its clock. Each job moves one status per `stepMs` tick:
// Submitted → Validating (reads the input) → Scheduled → InProgress (answers records, writes
// output) → Completed | PartiallyCompleted, or Failed; Stop moves it to Stopping → Stopped.
// Every pending step is one timer, and close() clears them all and waits for in-flight S3 work.
import { randomBytes } from 'node:crypto';

import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

import { conflict, invalid } from '../service-support/service-error';
import { isTerminal, type BatchJob, type JobSpecification, type JobStatus } from './batch-job';
import { BatchInputError, readBatchInput, type InputFile } from './batch-input';
import { addToManifest, answerRecord, emptyManifest, faultedRecord, type Manifest } from './batch-records';
import { outputKey } from './s3-uri';

export const EMULATOR_ACCOUNT_ID = '123456789012';
/** Bedrock's per-job record quota. */
export const MAX_RECORDS_PER_JOB = 50_000;
/** Records answered between yields to the event loop, so a big job never stalls other requests. */
const RECORDS_PER_SLICE = 200;

export interface BatchJobsSettings {
  s3: S3Client;
  region: string;
  stepMs: number;
  minRecords: number;
}

export class BatchJobs {
  private readonly jobs = new Map<string, BatchJob>();
  private readonly tokens = new Map<string, { jobId: string; fingerprint: string }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inputs = new Map<string, InputFile[]>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly shutdown = new AbortController();
  private sequence = 0;

  constructor(private readonly settings: BatchJobsSettings) {}

  /** Creates a job, or returns the one an earlier call with the same clientRequestToken created. */
  create(specification: JobSpecification): BatchJob {
    const { clientRequestToken } = specification;
    const fingerprint = JSON.stringify({ ...specification, clientRequestToken: undefined });
    if (clientRequestToken !== undefined) {
      const earlier = this.tokens.get(clientRequestToken);
      if (earlier) {
        if (earlier.fingerprint !== fingerprint) {
          throw conflict('The clientRequestToken was already used with different request parameters.');
        }
        const job = this.jobs.get(earlier.jobId);
        if (job) return job;
      }
    }
    for (const existing of this.jobs.values()) {
      if (existing.specification.jobName === specification.jobName) {
        throw invalid('The provided job name is currently in use.');
      }
    }
    const jobId = newJobId();
    const now = new Date();
    const job: BatchJob = {
      jobId,
      jobArn: `arn:aws:bedrock:${this.settings.region}:${EMULATOR_ACCOUNT_ID}:model-invocation-job/${jobId}`,
      sequence: this.sequence++,
      specification,
      status: 'Submitted',
      submitTime: now,
      lastModifiedTime: now,
      jobExpirationTime: new Date(now.getTime() + specification.timeoutDurationInHours * 3_600_000),
    };
    this.jobs.set(jobId, job);
    if (clientRequestToken !== undefined) this.tokens.set(clientRequestToken, { jobId, fingerprint });
    this.schedule(job, () => this.validate(job));
    return job;
  }

  /** Finds a job by id or by its full ARN. */
  find(identifier: string): BatchJob | undefined {
    const job = this.jobs.get(identifier.slice(identifier.lastIndexOf('/') + 1));
    if (!job) return undefined;
    return identifier === job.jobId || identifier === job.jobArn ? job : undefined;
  }

  all(): Iterable<BatchJob> {
    return this.jobs.values();
  }

  stop(job: BatchJob): void {
    if (isTerminal(job.status)) {
      throw invalid(`The job ${job.jobArn} is already ${job.status} and cannot be stopped.`);
    }
    if (job.status === 'Stopping') return;
    this.inputs.delete(job.jobId);
    this.transition(job, 'Stopping');
    this.schedule(job, () =>
      this.transition(job, 'Stopped', 'The job was stopped by StopModelInvocationJob.'),
    );
  }

  async close(): Promise<void> {
    this.shutdown.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private validate(job: BatchJob): void {
    this.transition(job, 'Validating');
    this.track(job, async () => {
      const files = await readBatchInput(this.settings.s3, job.specification.input, this.shutdown.signal);
      if (job.status !== 'Validating') return;
      if (job.specification.faults?.failJob) {
        this.fail(job, 'The job failed (emulator fault batch-fail).');
        return;
      }
      const total = files.reduce((sum, file) => sum + file.lines.length, 0);
      if (total < this.settings.minRecords) {
        this.fail(
          job,
          `The input contains ${total} records; a batch job needs at least ${this.settings.minRecords}.`,
        );
        return;
      }
      if (total > MAX_RECORDS_PER_JOB) {
        this.fail(
          job,
          `The input contains ${total} records; a batch job takes at most ${MAX_RECORDS_PER_JOB}.`,
        );
        return;
      }
      job.counts = {
        totalRecordCount: total,
        processedRecordCount: 0,
        successRecordCount: 0,
        errorRecordCount: 0,
      };
      this.inputs.set(job.jobId, files);
      this.schedule(job, () => {
        this.transition(job, 'Scheduled');
        this.schedule(job, () => this.run(job));
      });
    });
  }

  private run(job: BatchJob): void {
    const files = this.inputs.get(job.jobId) ?? [];
    this.inputs.delete(job.jobId);
    this.transition(job, 'InProgress');
    this.track(job, async () => {
      const { specification } = job;
      const manifest = emptyManifest(job.counts?.totalRecordCount ?? 0);
      let position = 0;
      for (const file of files) {
        const lines: string[] = [];
        for (const lineText of file.lines) {
          position += 1;
          const errorEvery = specification.faults?.recordErrorEvery;
          const outcome =
            errorEvery && position % errorEvery === 0
              ? faultedRecord(lineText, position)
              : answerRecord(lineText, position, specification.modelId, specification.modelInvocationType);
          addToManifest(manifest, outcome);
          lines.push(JSON.stringify(outcome.line));
          if (position % RECORDS_PER_SLICE === 0) {
            this.recordProgress(job, manifest);
            await nextTurn();
            if (job.status !== 'InProgress' || this.shutdown.signal.aborted) return;
          }
        }
        await this.write(job, `${file.name}.out`, lines.length > 0 ? `${lines.join('\n')}\n` : '');
        if (job.status !== 'InProgress') return;
      }
      this.recordProgress(job, manifest);
      await this.write(job, 'manifest.json.out', JSON.stringify(manifest));
      if (job.status !== 'InProgress') return;
      this.schedule(job, () =>
        this.transition(job, manifest.errorRecordCount > 0 ? 'PartiallyCompleted' : 'Completed'),
      );
    });
  }

  private async write(job: BatchJob, fileName: string, body: string): Promise<void> {
    const { bucket, key } = job.specification.output;
    try {
      await this.settings.s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: outputKey(key, job.jobId, fileName), Body: body }),
        { abortSignal: this.shutdown.signal },
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchBucket') {
        throw new BatchInputError(`The output bucket ${bucket} does not exist.`);
      }
      throw error;
    }
  }

  private recordProgress(job: BatchJob, manifest: Manifest): void {
    job.counts = {
      totalRecordCount: manifest.totalRecordCount,
      processedRecordCount: manifest.processedRecordCount,
      successRecordCount: manifest.successRecordCount,
      errorRecordCount: manifest.errorRecordCount,
    };
    job.lastModifiedTime = new Date();
  }

  /** Runs S3 work for a job; a failure marks the job Failed unless it was stopped or the emulator closed. */
  private track(job: BatchJob, work: () => Promise<void>): void {
    const status = job.status;
    const running = work().catch((error: unknown) => {
      if (this.shutdown.signal.aborted || job.status !== status) return;
      const reason =
        error instanceof BatchInputError ? error.message : `S3 request failed: ${(error as Error).message}`;
      this.fail(job, reason);
    });
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running));
  }

  private fail(job: BatchJob, message: string): void {
    this.inputs.delete(job.jobId);
    this.transition(job, 'Failed', message);
  }

  private transition(job: BatchJob, status: JobStatus, message?: string): void {
    job.status = status;
    job.lastModifiedTime = new Date();
    if (message !== undefined) job.message = message;
    if (isTerminal(status)) {
      job.endTime = job.lastModifiedTime;
      this.cancelStep(job);
    }
  }

  /** Runs `next` one clock step from now, replacing any step already pending for this job. */
  private schedule(job: BatchJob, next: () => void): void {
    this.cancelStep(job);
    if (this.shutdown.signal.aborted) return;
    const timer = setTimeout(() => {
      this.timers.delete(job.jobId);
      next();
    }, this.settings.stepMs);
    this.timers.set(job.jobId, timer);
  }

  private cancelStep(job: BatchJob): void {
    const timer = this.timers.get(job.jobId);
    if (timer) clearTimeout(timer);
    this.timers.delete(job.jobId);
  }
}

/** Job ids look like Bedrock's: 12 lower-case letters and digits. */
function newJobId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(12)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
