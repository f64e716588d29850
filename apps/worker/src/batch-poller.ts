// One poll of one batch: asks Bedrock how its job is doing, records the OpenAI status, counts and
// timestamps, and once the job has ended collects it — output and error files written to S3, file rows,
// final status and the cost booked, all committed in one transaction that only one worker can win.
import { randomBytes } from 'node:crypto';
import {
  GetModelInvocationJobCommand,
  type GetModelInvocationJobCommandOutput,
} from '@aws-sdk/client-bedrock';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import {
  batchRecordFormat,
  controlPlaneClientFor,
  getBatchObject,
  isFinalJobStatus,
  keyIn,
  openAIBatchStatusOf,
  parseS3Uri,
  putBatchObject,
  s3Uri,
  type BatchRecordInfo,
  type BatchStorage,
  type BedrockJobStatus,
  type ModelPrice,
} from '@quarry/bedrock';
import {
  BatchesRepository,
  BatchFilesRepository,
  type BatchProgress,
  type BatchRecord,
  type NewBatchFile,
} from '@quarry/db';
import { DeploymentResolver } from '../../gateway/src/invocation/deployments/deployment-resolver';
import type { ResolvedDeployment } from '../../gateway/src/invocation/deployments/resolved-deployment';
import { APP_CONFIG, type AppConfig } from '../../gateway/src/platform/config/app-config';
import { LOGGER } from '../../gateway/src/platform/logging/logger.token';
import { ModelRegistry } from '../../gateway/src/tenancy/models/model-registry';
import { BEDROCK_INPUT_NAME } from '../../gateway/src/surfaces/files/files.service';
import { batchResults } from './batch-results';

export type PollResult = 'open' | 'done';

/** Polls (with their growing waits: hours) before a batch whose deployment no worker knows is failed. */
const UNKNOWN_DEPLOYMENT_ATTEMPTS = 20;

@Injectable()
export class BatchPoller {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly batches: BatchesRepository,
    private readonly files: BatchFilesRepository,
    private readonly registry: ModelRegistry,
    private readonly resolver: DeploymentResolver,
  ) {}

  /** @param attempt polls so far: a deployment this worker does not know is given up on only after many. */
  async poll(batchId: string, attempt = 0): Promise<PollResult> {
    const batch = await this.batches.findById(batchId);
    if (!batch || batch.collectedAt || !batch.jobArn) return 'done';
    const deployment = this.deploymentOf(batch);
    if (!deployment) {
      // During a rolling deploy another worker may know it (a config.yaml model added, its id new).
      if (attempt < UNKNOWN_DEPLOYMENT_ATTEMPTS) return 'open';
      await this.fail(batch, 'deployment_gone', 'The batch model this batch ran on is no longer configured');
      return 'done';
    }
    const job = await this.job(deployment.resolved, batch.jobArn);
    const bedrockStatus = job.status as BedrockJobStatus;
    const progress = progressOf(batch, job);
    if (!isFinalJobStatus(bedrockStatus)) {
      // A cancel was asked for: Bedrock may not say Stopping yet.
      if (batch.status === 'cancelling' && progress.status !== 'cancelling') delete progress.status;
      await this.batches.progress(batch.id, progress);
      return 'open';
    }
    await this.collect(batch, job, progress, deployment.resolved, deployment.storage);
    return 'done';
  }

  private deploymentOf(
    batch: BatchRecord,
  ): { resolved: ResolvedDeployment; storage: BatchStorage } | undefined {
    const deployment = this.registry.byId(batch.deploymentId);
    if (!deployment) return undefined;
    const resolved = this.resolver.resolve(deployment);
    const storage = resolved.batch;
    return storage && !('problem' in storage) ? { resolved, storage } : undefined;
  }

  private async job(
    deployment: ResolvedDeployment,
    jobArn: string,
  ): Promise<GetModelInvocationJobCommandOutput> {
    const client = controlPlaneClientFor({
      region: deployment.region,
      endpoint: this.config.awsEndpoint,
      credentials: deployment.clientConfig.credentials,
    });
    try {
      return await client.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
    } finally {
      client.destroy();
    }
  }

  private async collect(
    batch: BatchRecord,
    job: GetModelInvocationJobCommandOutput,
    progress: BatchProgress,
    deployment: ResolvedDeployment,
    storage: BatchStorage,
  ): Promise<void> {
    const input = await this.files.find({ kind: 'all' }, batch.inputFileId);
    const infos = (input?.records ?? []) as unknown as BatchRecordInfo[];
    const jobId = batch.jobArn!.slice(batch.jobArn!.lastIndexOf('/') + 1);
    const outText = await readIfPresent(storage, `${batch.outputUri}${jobId}/${BEDROCK_INPUT_NAME}.out`);
    const manifest = manifestOf(await readIfPresent(storage, `${batch.outputUri}${jobId}/manifest.json.out`));
    if (manifest) progress.requestCounts = manifest;
    const status = progress.status!;
    const files: NewBatchFile[] = [];
    let outputFileId: string | null = null;
    let errorFileId: string | null = null;
    let spend: ReturnType<typeof batchResults>['spend'] = [];
    if (outText !== undefined && infos.length > 0) {
      const results = batchResults(outText, infos, batch, {
        format: batchRecordFormat(
          deployment.route,
          batch.endpoint === '/v1/embeddings' ? '/v1/embeddings' : '/v1/chat/completions',
        ),
        model: batch.modelName,
        price: (batch.price as unknown as ModelPrice | null) ?? deployment.price,
        capabilities: deployment.capabilities,
        created: Math.floor(Date.now() / 1000),
        bedrockModel: deployment.route.modelId,
        endedAt: job.endTime ?? new Date(),
      });
      spend = results.spend;
      const place = {
        bucket: parseS3Uri(batch.outputUri).bucket,
        prefix: parseS3Uri(batch.outputUri).key.replace(/\/$/, ''),
      };
      for (const [kind, lines] of [
        ['output', results.output],
        ['error', results.errors],
      ] as const) {
        if (lines.length === 0) continue;
        const file = await this.storeFile(storage, place, batch, kind, lines);
        files.push(file);
        if (kind === 'output') outputFileId = file.id;
        else errorFileId = file.id;
      }
      progress.requestCounts = {
        total: infos.length,
        completed: results.output.length,
        failed: results.errors.length,
      };
    }
    const collected = await this.batches.collect(batch.id, {
      status,
      progress,
      files,
      outputFileId,
      errorFileId,
      spend,
    });
    if (collected) this.logger.info({ batchId: batch.id, status, requests: infos.length }, 'batch collected');
  }

  private async storeFile(
    storage: BatchStorage,
    place: { bucket: string; prefix: string },
    batch: BatchRecord,
    kind: 'output' | 'error',
    lines: string[],
  ): Promise<NewBatchFile> {
    const id = `file-${randomBytes(12).toString('hex')}`;
    const content = `${lines.join('\n')}\n`;
    const location = s3Uri(place.bucket, keyIn(place, `${id}/${kind}.jsonl`));
    await putBatchObject(storage, location, content);
    return {
      id,
      teamId: batch.teamId,
      keyId: batch.keyId,
      userId: batch.userId,
      purpose: 'batch_output',
      filename: `${batch.id}_${kind}.jsonl`,
      bytes: Buffer.byteLength(content),
      modelName: batch.modelName,
      deploymentId: batch.deploymentId,
      contentKey: location,
      bedrockKey: null,
      recordCount: lines.length,
      records: [],
    };
  }

  private async fail(batch: BatchRecord, code: string, message: string): Promise<void> {
    await this.batches.collect(batch.id, {
      status: 'failed',
      progress: { failedAt: new Date(), errors: errorList(code, message) },
      files: [],
      outputFileId: null,
      errorFileId: null,
      spend: [],
    });
  }
}

/** What a poll learnt, in OpenAI's terms; final statuses also stamp their time. */
function progressOf(batch: BatchRecord, job: GetModelInvocationJobCommandOutput): BatchProgress {
  const bedrockStatus = job.status as BedrockJobStatus;
  const status = openAIBatchStatusOf(bedrockStatus);
  const now = new Date();
  const ended = job.endTime ?? now;
  const progress: BatchProgress = { status, bedrockStatus };
  if (job.totalRecordCount !== undefined)
    progress.requestCounts = {
      total: job.totalRecordCount,
      completed: job.successRecordCount ?? 0,
      failed: job.errorRecordCount ?? 0,
    };
  if (status === 'in_progress' || (status === 'completed' && !batch.inProgressAt))
    progress.inProgressAt = now;
  if (status === 'completed') {
    progress.finalizingAt = now;
    progress.completedAt = ended;
  }
  if (status === 'failed') {
    progress.failedAt = ended;
    progress.errors = errorList('bedrock_job_failed', job.message ?? 'The Bedrock batch job failed');
  }
  if (status === 'cancelled') progress.cancelledAt = ended;
  if (status === 'cancelling') progress.cancellingAt = now;
  if (status === 'expired') progress.expiredAt = ended;
  return progress;
}

/** Bedrock's manifest.json.out: the job's own record counts (what it processed, even without output lines). */
function manifestOf(
  text: string | undefined,
): { total: number; completed: number; failed: number } | undefined {
  if (!text) return undefined;
  try {
    const manifest = JSON.parse(text) as Record<string, unknown>;
    const count = (name: string) => (typeof manifest[name] === 'number' ? (manifest[name] as number) : 0);
    return {
      total: count('totalRecordCount'),
      completed: count('successRecordCount'),
      failed: count('errorRecordCount'),
    };
  } catch {
    return undefined;
  }
}

function errorList(code: string, message: string) {
  return { object: 'list', data: [{ code, message, param: null, line: null }] };
}

async function readIfPresent(storage: BatchStorage, location: string): Promise<string | undefined> {
  try {
    return await getBatchObject(storage, location);
  } catch (error) {
    if (['NoSuchKey', 'NotFound', 'NoSuchBucket'].includes((error as { name?: string }).name ?? ''))
      return undefined;
    throw error;
  }
}
