// The batch clock against an in-memory S3 double: status order, stop, output failures, close().
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

import { pollUntil } from '../../../../test/support/polling';
import type { JobSpecification, JobStatus } from './batch-job';
import { BatchJobs } from './batch-jobs';

class MemoryS3 {
  readonly objects = new Map<string, string>();
  constructor(readonly buckets: Set<string>) {}

  async send(command: unknown): Promise<unknown> {
    if (command instanceof ListObjectsV2Command) {
      const { Bucket, Prefix = '' } = command.input;
      if (!this.buckets.has(Bucket!)) throw Object.assign(new Error('no bucket'), { name: 'NoSuchBucket' });
      const keys = [...this.objects.keys()].filter((key) => key.startsWith(`${Bucket}/${Prefix}`));
      return { Contents: keys.map((key) => ({ Key: key.slice(Bucket!.length + 1) })) };
    }
    if (command instanceof GetObjectCommand) {
      const text = this.objects.get(`${command.input.Bucket}/${command.input.Key}`) ?? '';
      return { Body: { transformToString: async () => text } };
    }
    if (command instanceof PutObjectCommand) {
      if (!this.buckets.has(command.input.Bucket!))
        throw Object.assign(new Error('no bucket'), { name: 'NoSuchBucket' });
      this.objects.set(`${command.input.Bucket}/${command.input.Key}`, String(command.input.Body));
      return {};
    }
    throw new Error('unexpected command');
  }
}

const record = (question: string) =>
  JSON.stringify({
    modelInput: {
      anthropic_version: 'bedrock-2023-05-31',
      max_tokens: 16,
      messages: [{ role: 'user', content: question }],
    },
  });

function specification(jobName: string, outputBucket = 'out'): JobSpecification {
  return {
    jobName,
    roleArn: 'arn:aws:iam::123456789012:role/r',
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    input: { bucket: 'in', key: 'records.jsonl' },
    output: { bucket: outputBucket, key: 'results/' },
    inputDataConfig: {},
    outputDataConfig: {},
    timeoutDurationInHours: 24,
    modelInvocationType: 'InvokeModel',
    tags: [],
  };
}

let jobs: BatchJobs;
let s3: MemoryS3;

beforeEach(() => {
  s3 = new MemoryS3(new Set(['in', 'out']));
  s3.objects.set('in/records.jsonl', [record('a'), record('b'), record('c')].join('\n'));
  jobs = new BatchJobs({ s3: s3 as unknown as S3Client, region: 'us-east-1', stepMs: 20, minRecords: 3 });
});

afterEach(() => jobs.close());

/**
 * Records every status a job passes through. Each status lasts one 20 ms step and the 1 ms poll timer
 * always expires before the next step timer, so no status is missed even on a slow machine.
 */
async function statusesUntilTerminal(read: () => JobStatus): Promise<JobStatus[]> {
  const reads = await pollUntil(
    'the job to finish',
    read,
    (status) => ['Completed', 'PartiallyCompleted', 'Failed', 'Stopped'].includes(status),
    { intervalMs: 1 },
  );
  return reads.filter((status, index) => status !== reads[index - 1]);
}

it('walks Submitted → Validating → Scheduled → InProgress → Completed and writes output', async () => {
  const job = jobs.create(specification('walk'));
  const seen = await statusesUntilTerminal(() => job.status);
  expect(seen).toEqual(['Submitted', 'Validating', 'Scheduled', 'InProgress', 'Completed']);
  expect(job.counts).toEqual({
    totalRecordCount: 3,
    processedRecordCount: 3,
    successRecordCount: 3,
    errorRecordCount: 0,
  });
  expect(s3.objects.has(`out/results/${job.jobId}/records.jsonl.out`)).toBe(true);
  expect(JSON.parse(s3.objects.get(`out/results/${job.jobId}/manifest.json.out`)!)).toMatchObject({
    successRecordCount: 3,
  });
});

it('a stopped job ends Stopped and never Completed, without writing a manifest', async () => {
  const job = jobs.create(specification('stopped'));
  jobs.stop(job);
  expect(job.status).toBe('Stopping');
  expect(await statusesUntilTerminal(() => job.status)).toEqual(['Stopping', 'Stopped']);
  expect([...s3.objects.keys()].some((key) => key.endsWith('manifest.json.out'))).toBe(false);
  expect(() => jobs.stop(job)).toThrow(/already Stopped/);
});

it('fails the job when the output bucket does not exist', async () => {
  const job = jobs.create(specification('no-output', 'missing'));
  await statusesUntilTerminal(() => job.status);
  expect(job).toMatchObject({ status: 'Failed', message: 'The output bucket missing does not exist.' });
});

it('close() stops the clock: a submitted job advances no further', async () => {
  const job = jobs.create(specification('closed'));
  await jobs.close();
  // A negative check needs time to pass: wait well past one 20 ms step.
  await new Promise((resolve) => setTimeout(resolve, 60));
  expect(job.status).toBe('Submitted');
});

it('finds jobs by id or ARN only', () => {
  const job = jobs.create(specification('lookup'));
  expect(jobs.find(job.jobId)).toBe(job);
  expect(jobs.find(job.jobArn)).toBe(job);
  expect(
    jobs.find(`arn:aws:bedrock:eu-west-1:123456789012:model-invocation-job/${job.jobId}`),
  ).toBeUndefined();
});
