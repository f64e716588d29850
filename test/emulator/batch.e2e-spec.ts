// Batch inference end to end: JSONL uploaded to the emulator's s3rver with the real S3 client, a job
// created and polled with the real Bedrock client, and the .out and manifest files read back.
import {
  BedrockClient,
  CreateModelInvocationJobCommand,
  GetModelInvocationJobCommand,
  type GetModelInvocationJobCommandOutput,
  type ModelInvocationType,
} from '@aws-sdk/client-bedrock';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

import { startEmulator } from '../../apps/bedrock-emulator/src/index';
import { pollUntil } from '../support/polling';
import { controlPlaneClient, s3Client } from './service-clients';

type RunningEmulator = Awaited<ReturnType<typeof startEmulator>>;

const MODEL_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
const STATUS_ORDER = [
  'Submitted',
  'Validating',
  'Scheduled',
  'InProgress',
  'Completed',
  'PartiallyCompleted',
  'Failed',
];
const runId = `b${process.pid}${Date.now().toString(36)}`;
const inputBucket = `batch-in-${runId}`;
const outputBucket = `batch-out-${runId}`;

let emulator: RunningEmulator;
let bedrock: BedrockClient;
let s3: S3Client;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, batchStepMs: 5, batchMinRecords: 3 });
  bedrock = controlPlaneClient(emulator.endpoint);
  s3 = s3Client(emulator.s3Endpoint, emulator.options.s3Credentials);
  await s3.send(new CreateBucketCommand({ Bucket: inputBucket }));
  await s3.send(new CreateBucketCommand({ Bucket: outputBucket }));
});

afterAll(async () => {
  bedrock?.destroy();
  s3?.destroy();
  await emulator?.close();
});

function anthropicRecord(recordId: string | undefined, question: string): string {
  const modelInput = {
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 64,
    messages: [{ role: 'user', content: question }],
  };
  return JSON.stringify(recordId === undefined ? { modelInput } : { recordId, modelInput });
}

function converseRecord(recordId: string, question: string): string {
  return JSON.stringify({
    recordId,
    modelInput: { messages: [{ role: 'user', content: [{ text: question }] }] },
  });
}

async function upload(key: string, lines: string[]): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: inputBucket, Key: key, Body: `${lines.join('\n')}\n` }));
}

async function download(key: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket: outputBucket, Key: key }));
  return object.Body!.transformToString('utf8');
}

async function runJob(
  jobName: string,
  inputUri: string,
  modelInvocationType: ModelInvocationType = 'InvokeModel',
): Promise<{ jobId: string; seen: GetModelInvocationJobCommandOutput[] }> {
  const { jobArn } = await bedrock.send(
    new CreateModelInvocationJobCommand({
      jobName,
      roleArn: 'arn:aws:iam::123456789012:role/BedrockBatch',
      modelId: MODEL_ID,
      modelInvocationType,
      inputDataConfig: { s3InputDataConfig: { s3Uri: inputUri } },
      outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://${outputBucket}/results/${jobName}/` } },
    }),
  );
  const seen = await pollUntil(
    `batch job ${jobName} to end`,
    () => bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn })),
    (job) => ['Completed', 'PartiallyCompleted', 'Failed', 'Stopped'].includes(job.status!),
    { intervalMs: 5 },
  );
  // Statuses only ever move forward through Bedrock's order.
  const order = seen.map((job) => STATUS_ORDER.indexOf(job.status!));
  expect(order).toEqual([...order].sort((left, right) => left - right));
  return { jobId: jobArn!.split('/').pop()!, seen };
}

function parseLines(text: string): Array<Record<string, any>> {
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line));
}

it('runs a job over one JSONL file to Completed and writes {jobId}/{file}.out and manifest.json.out', async () => {
  await upload('single/records.jsonl', [
    anthropicRecord('CALL0000001', 'What is the capital of France?'),
    anthropicRecord('CALL0000002', 'Name a prime number.'),
    anthropicRecord(undefined, 'Say hello.'),
  ]);
  const { jobId, seen } = await runJob(`${runId}-single`, `s3://${inputBucket}/single/records.jsonl`);
  const final = seen.at(-1)!;
  expect(final).toMatchObject({
    status: 'Completed',
    totalRecordCount: 3,
    processedRecordCount: 3,
    successRecordCount: 3,
    errorRecordCount: 0,
  });
  expect(final.endTime).toBeInstanceOf(Date);

  const lines = parseLines(await download(`results/${runId}-single/${jobId}/records.jsonl.out`));
  expect(lines.map((line) => line.recordId).slice(0, 2)).toEqual(['CALL0000001', 'CALL0000002']);
  expect(lines[2].recordId).toEqual(expect.any(String));
  expect(lines[2].recordId.length).toBeGreaterThan(0);
  expect(lines[0].modelInput.messages[0].content).toBe('What is the capital of France?');
  expect(lines[0].modelOutput.content[0].text).toEqual(expect.any(String));

  const manifest = JSON.parse(await download(`results/${runId}-single/${jobId}/manifest.json.out`));
  const outputTokens = lines.reduce((sum, line) => sum + line.modelOutput.usage.output_tokens, 0);
  expect(manifest).toEqual({
    totalRecordCount: 3,
    processedRecordCount: 3,
    successRecordCount: 3,
    errorRecordCount: 0,
    inputTokenCount: expect.any(Number),
    outputTokenCount: outputTokens,
  });
  expect(manifest.inputTokenCount).toBeGreaterThan(0);
});

it('reads every .jsonl under a folder prefix and ends PartiallyCompleted when some records fail', async () => {
  await upload('folder/part-1.jsonl', [
    anthropicRecord('A1', 'one'),
    '{not json',
    anthropicRecord('A3', 'three'),
  ]);
  await upload('folder/part-2.jsonl', [JSON.stringify({ recordId: 'B1' }), anthropicRecord('B2', 'five')]);
  await upload('folder/notes.txt', ['ignored: not a .jsonl file']);

  const { jobId, seen } = await runJob(`${runId}-folder`, `s3://${inputBucket}/folder/`);
  expect(seen.at(-1)).toMatchObject({
    status: 'PartiallyCompleted',
    totalRecordCount: 5,
    processedRecordCount: 5,
    successRecordCount: 3,
    errorRecordCount: 2,
  });

  const listed = await s3.send(
    new ListObjectsV2Command({ Bucket: outputBucket, Prefix: `results/${runId}-folder/${jobId}/` }),
  );
  expect(listed.Contents!.map((object) => object.Key!.split('/').pop()).sort()).toEqual([
    'manifest.json.out',
    'part-1.jsonl.out',
    'part-2.jsonl.out',
  ]);
  const first = parseLines(await download(`results/${runId}-folder/${jobId}/part-1.jsonl.out`));
  expect(first[1].error).toEqual({ errorCode: 400, errorMessage: expect.any(String) });
  expect(first[1].recordId).toEqual(expect.any(String));
  const second = parseLines(await download(`results/${runId}-folder/${jobId}/part-2.jsonl.out`));
  expect(second[0]).toMatchObject({ recordId: 'B1', error: { errorCode: 400 } });
  expect(second[1]).toMatchObject({ recordId: 'B2', modelOutput: expect.any(Object) });
  const manifest = JSON.parse(await download(`results/${runId}-folder/${jobId}/manifest.json.out`));
  expect(manifest).toMatchObject({ totalRecordCount: 5, successRecordCount: 3, errorRecordCount: 2 });
});

it('answers Converse-shaped records when modelInvocationType is Converse', async () => {
  await upload('converse/records.jsonl', [
    converseRecord('C1', 'First question'),
    converseRecord('C2', 'Second question'),
    converseRecord('C3', 'Third question'),
  ]);
  const { jobId, seen } = await runJob(
    `${runId}-converse`,
    `s3://${inputBucket}/converse/records.jsonl`,
    'Converse',
  );
  expect(seen.at(-1)).toMatchObject({
    status: 'Completed',
    modelInvocationType: 'Converse',
    successRecordCount: 3,
  });
  const lines = parseLines(await download(`results/${runId}-converse/${jobId}/records.jsonl.out`));
  expect(lines[0].modelOutput.output.message.role).toBe('assistant');
  expect(lines[0].modelOutput.usage.inputTokens).toBeGreaterThan(0);
});

it('fails a job with fewer records than the minimum, saying so', async () => {
  await upload('small/records.jsonl', [anthropicRecord('S1', 'one'), anthropicRecord('S2', 'two')]);
  const { seen } = await runJob(`${runId}-small`, `s3://${inputBucket}/small/records.jsonl`);
  expect(seen.at(-1)).toMatchObject({ status: 'Failed', message: expect.stringContaining('at least 3') });
});

it('fails a job whose input bucket does not exist', async () => {
  const { seen } = await runJob(`${runId}-nobucket`, `s3://missing-${runId}/records.jsonl`);
  expect(seen.at(-1)).toMatchObject({ status: 'Failed', message: expect.stringContaining('does not exist') });
});
