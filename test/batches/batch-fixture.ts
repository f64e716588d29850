// Emulator (batch jobs on its s3rver) + gateway with batch deployments + workers started on demand,
// shared by the batch end-to-end specs. Batches are driven with the openai SDK, as a client would.
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import OpenAI, { toFile } from 'openai';
import type { INestApplicationContext } from '@nestjs/common';
import { startEmulator, withFaults, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { startWorker } from '../../apps/worker/src/start-worker';
import { s3Client } from '../emulator/service-clients';
import { newPrismaClient } from '../support/database';
import { EMULATOR_CREDENTIALS_YAML } from '../support/emulator-credentials';
import { pollUntil } from '../support/polling';
import { startTestGateway, type TestGateway } from '../support/test-gateway';
import { createTenant, type TestTenant } from '../support/tenants';

export const ROLE_ARN = 'arn:aws:iam::123456789012:role/BedrockBatch';
export const KMS_KEY = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';

const batchModel = (name: string, model: string, bucket: string, extra = '') => `
  - model_name: ${name}
    litellm_params:
      model: ${model}${EMULATOR_CREDENTIALS_YAML}
      s3_bucket_name: ${bucket}/team-files
      s3_region_name: us-east-1
      s3_access_key_id: os.environ/BATCH_TEST_S3_KEY
      s3_secret_access_key: os.environ/BATCH_TEST_S3_SECRET
      aws_batch_role_arn: ${ROLE_ARN}${extra}
    model_info:
      mode: batch`;

export const BATCH_MODELS = [
  'batch-claude',
  'batch-nova',
  'batch-llama',
  'batch-embed',
  'batch-failing',
  'batch-flaky',
];

export interface BatchFixture {
  emulator: RunningEmulator;
  gateway: TestGateway;
  bucket: string;
  tenant: TestTenant;
  otherTeam: TestTenant;
  client: OpenAI;
  otherClient: OpenAI;
  prisma: ReturnType<typeof newPrismaClient>;
  startWorker(): Promise<INestApplicationContext>;
  readS3(key: string): Promise<string>;
  listS3(prefix: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startBatchFixture(): Promise<BatchFixture> {
  const emulator = await startEmulator({ port: 0, batchStepMs: 40, batchMinRecords: 3 });
  const s3 = s3Client(emulator.s3Endpoint, emulator.options.s3Credentials);
  const bucket = `quarry-batch-${process.pid}-${Date.now().toString(36)}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const claude = 'bedrock/anthropic.claude-3-haiku-20240307-v1:0';
  const configYaml = `model_list:${[
    batchModel('batch-claude', claude, bucket, `\n      s3_encryption_key_id: ${KMS_KEY}`),
    batchModel('batch-nova', 'bedrock/amazon.nova-lite-v1:0', bucket),
    batchModel('batch-llama', 'bedrock/us.meta.llama4-maverick-17b-instruct-v1:0', bucket),
    batchModel('batch-embed', 'bedrock/amazon.titan-embed-text-v2:0', bucket),
    batchModel(
      'batch-failing',
      claude,
      bucket,
      `\n      model_id: ${withFaults('anthropic.claude-3-haiku-20240307-v1:0', 'batch-fail')}`,
    ),
    batchModel(
      'batch-flaky',
      claude,
      bucket,
      `\n      model_id: ${withFaults('anthropic.claude-3-haiku-20240307-v1:0', 'record-error:2')}`,
    ),
  ].join('')}
  - model_name: plain-claude
    litellm_params:
      model: ${claude}${EMULATOR_CREDENTIALS_YAML}
`;
  const env = {
    BATCH_TEST_S3_KEY: emulator.options.s3Credentials.accessKeyId,
    BATCH_TEST_S3_SECRET: emulator.options.s3Credentials.secretAccessKey,
    QUARRY_BATCH_MIN_RECORDS: '3',
    QUARRY_BATCH_POLL_SECONDS: '0.05',
  };
  Object.assign(process.env, env); // os.environ/ references resolve from the process, as in production
  const gateway = await startTestGateway({
    configYaml,
    awsEndpoint: emulator.endpoint,
    s3Endpoint: emulator.s3Endpoint,
    env,
  });
  const tenant = await createTenant(gateway, { keyModels: [...BATCH_MODELS, 'plain-claude'] });
  const otherTeam = await createTenant(gateway, { keyModels: BATCH_MODELS });
  const clientFor = (key: string) =>
    new OpenAI({ apiKey: key, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
  const prisma = newPrismaClient();
  const workers: INestApplicationContext[] = [];
  return {
    emulator,
    gateway,
    bucket,
    tenant,
    otherTeam,
    client: clientFor(tenant.key),
    otherClient: clientFor(otherTeam.key),
    prisma,
    async startWorker() {
      const worker = await startWorker({ env: gateway.env });
      workers.push(worker);
      return worker;
    },
    async readS3(key) {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return object.Body!.transformToString('utf8');
    },
    async listS3(prefix) {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
      return (listed.Contents ?? []).map((object) => object.Key!);
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.close()));
      await gateway.close();
      s3.destroy();
      await emulator.close();
      await prisma.$disconnect();
    },
  };
}

export function chatLines(model: string, count: number, prefix = 'request'): string {
  return Array.from({ length: count }, (_, index) =>
    JSON.stringify({
      custom_id: `${prefix}-${index + 1}`,
      method: 'POST',
      url: '/v1/chat/completions',
      body: {
        model,
        messages: [
          { role: 'system', content: 'You are a helpful assistant.' },
          { role: 'user', content: `Question number ${index + 1}: what is ${index} + 1?` },
        ],
        max_tokens: 100,
        user: `end-user-${index % 2}`,
      },
    }),
  ).join('\n');
}

export function embeddingLines(model: string, count: number): string {
  return Array.from({ length: count }, (_, index) =>
    JSON.stringify({
      custom_id: `embed-${index + 1}`,
      method: 'POST',
      url: '/v1/embeddings',
      body: { model, input: `text number ${index + 1}` },
    }),
  ).join('\n');
}

export async function upload(client: OpenAI, jsonl: string, targetModel?: string) {
  return client.files.create({
    file: await toFile(Buffer.from(jsonl), 'requests.jsonl'),
    purpose: 'batch',
    ...(targetModel ? { target_model_names: targetModel } : {}),
  } as Parameters<OpenAI['files']['create']>[0]);
}

const FINAL = ['completed', 'failed', 'cancelled', 'expired'];

export async function untilFinished(client: OpenAI, batchId: string) {
  const seen = await pollUntil(
    `batch ${batchId} to finish`,
    () => client.batches.retrieve(batchId),
    (batch) => FINAL.includes(batch.status),
    { timeoutMs: 20_000, intervalMs: 50 },
  );
  return { batch: seen[seen.length - 1], statuses: [...new Set(seen.map((batch) => batch.status))] };
}

export function parseJsonl(text: string): Array<Record<string, any>> {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}
