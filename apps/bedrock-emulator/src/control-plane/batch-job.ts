// One batch inference job as the emulator keeps it, and the summary shape Get/List return.
import type { BatchFaults } from './batch-faults';
import type { S3Location } from './s3-uri';

export const JOB_STATUSES = [
  'Submitted',
  'InProgress',
  'Completed',
  'Failed',
  'Stopping',
  'Stopped',
  'PartiallyCompleted',
  'Expired',
  'Validating',
  'Scheduled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

const TERMINAL: ReadonlySet<JobStatus> = new Set([
  'Completed',
  'PartiallyCompleted',
  'Failed',
  'Stopped',
  'Expired',
]);

export function isTerminal(status: JobStatus): boolean {
  return TERMINAL.has(status);
}

export type ModelInvocationType = 'InvokeModel' | 'Converse';

/** What CreateModelInvocationJob asked for, after validation. */
export interface JobSpecification {
  jobName: string;
  roleArn: string;
  modelId: string;
  clientRequestToken?: string;
  input: S3Location;
  output: S3Location;
  inputDataConfig: Record<string, unknown>;
  outputDataConfig: Record<string, unknown>;
  timeoutDurationInHours: number;
  modelInvocationType: ModelInvocationType;
  /** Injected from the model id's fault suffix (batch-faults.ts). */
  faults?: BatchFaults;
  vpcConfig?: Record<string, unknown>;
  tags: Array<{ key: string; value: string }>;
}

export interface RecordCounts {
  totalRecordCount: number;
  processedRecordCount: number;
  successRecordCount: number;
  errorRecordCount: number;
}

export interface BatchJob {
  jobId: string;
  jobArn: string;
  /** Creation order, to keep sorting stable when two jobs share a millisecond. */
  sequence: number;
  specification: JobSpecification;
  status: JobStatus;
  message?: string;
  submitTime: Date;
  lastModifiedTime: Date;
  endTime?: Date;
  jobExpirationTime: Date;
  counts?: RecordCounts;
}

export function jobSummary(job: BatchJob): Record<string, unknown> {
  const { specification } = job;
  const summary: Record<string, unknown> = {
    jobArn: job.jobArn,
    jobName: specification.jobName,
    modelId: specification.modelId,
    roleArn: specification.roleArn,
    status: job.status,
    submitTime: job.submitTime.toISOString(),
    lastModifiedTime: job.lastModifiedTime.toISOString(),
    inputDataConfig: specification.inputDataConfig,
    outputDataConfig: specification.outputDataConfig,
    timeoutDurationInHours: specification.timeoutDurationInHours,
    jobExpirationTime: job.jobExpirationTime.toISOString(),
    modelInvocationType: specification.modelInvocationType,
  };
  if (specification.clientRequestToken !== undefined)
    summary.clientRequestToken = specification.clientRequestToken;
  if (specification.vpcConfig !== undefined) summary.vpcConfig = specification.vpcConfig;
  if (job.message !== undefined) summary.message = job.message;
  if (job.endTime !== undefined) summary.endTime = job.endTime.toISOString();
  if (job.counts !== undefined) Object.assign(summary, job.counts);
  return summary;
}
