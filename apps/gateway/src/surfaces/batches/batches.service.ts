// /v1/batches on Bedrock batch inference: a batch is one CreateModelInvocationJob over a file's Bedrock
// records. What Bedrock would refuse (too few records, no role) is refused here first; the budget is
// checked through the pipeline's limits step. The worker follows the job from then on.
import { randomBytes } from 'node:crypto';
import { CreateModelInvocationJobCommand, StopModelInvocationJobCommand } from '@aws-sdk/client-bedrock';
import { Inject, Injectable } from '@nestjs/common';
import {
  batchRecordFormat,
  controlPlaneClientFor,
  invocationTypeOf,
  keyIn,
  s3Uri,
  type BatchRecordInfo,
} from '@quarry/bedrock';
import { BatchesRepository, type BatchRecord } from '@quarry/db';
import { OpenAIError, type BatchEndpoint } from '@quarry/openai';
import type { ResolvedDeployment } from '../../invocation/deployments/resolved-deployment';
import { toInvocationError } from '../../invocation/errors/invocation-error';
import { InvocationLimits } from '../../invocation/limits/invocation-limits';
import { MeteredCall } from '../../invocation/metering/metered-call';
import { APP_CONFIG, type AppConfig } from '../../platform/config/app-config';
import type { Principal } from '../../tenancy/auth/principal';
import { BatchDeployments, type BatchDeployment } from '../files/batch-deployment';
import { listLimitOf, listOf } from '../files/file-object';
import { FilesService } from '../files/files.service';
import { ownerOf, ownerScopeOf } from '../../tenancy/auth/owner-scope-of';
import { batchObject } from './batch-object';
import { BatchQueue } from './batch-queue.service';
import { parseCreateBatchRequest } from './create-batch-request';

@Injectable()
export class BatchesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly batches: BatchesRepository,
    private readonly files: FilesService,
    private readonly deployments: BatchDeployments,
    private readonly limits: InvocationLimits,
    private readonly queue: BatchQueue,
  ) {}

  async create(principal: Principal, body: unknown, requestId: string) {
    const request = parseCreateBatchRequest(body);
    const file = await this.files.find(principal, request.inputFileId);
    if (file.purpose !== 'batch' || !file.bedrockKey || !file.modelName || !file.deploymentId)
      throw OpenAIError.badRequest(`File ${file.id} is not a batch input file`, 'input_file_id');
    const infos = file.records as unknown as BatchRecordInfo[];
    const fileEndpoint: BatchEndpoint = infos[0]?.embeddingKind ? '/v1/embeddings' : '/v1/chat/completions';
    if (request.endpoint !== fileEndpoint)
      throw OpenAIError.badRequest(
        `endpoint ${request.endpoint} does not match the file's requests (${fileEndpoint})`,
        'endpoint',
      );
    const deployment = this.deployments.forFile(principal, file.modelName, file.deploymentId);
    if (file.recordCount < this.config.batchMinRecords)
      throw OpenAIError.badRequest(
        `The file has ${file.recordCount} requests; a Bedrock batch job needs at least ${this.config.batchMinRecords}`,
        'input_file_id',
        'too_few_requests',
      );
    const storage = deployment.batch;
    if (!storage.roleArn)
      throw OpenAIError.badRequest(
        `Model "${file.modelName}" has no batch role: set litellm_params.aws_batch_role_arn (or AWS_BATCH_ROLE_ARN)`,
        'input_file_id',
        'batch_not_configured',
      );
    // A batch is refused up front when a budget or limit of its owner is already spent; its cost is
    // booked per request when the worker collects it.
    const admission = await this.limits.admit(
      new MeteredCall(requestId, principal, 'batch', file.modelName),
      {
        body: undefined,
        deployments: [deployment],
        endUsers: endUsersOf(infos),
      },
    );
    admission.settle(undefined, 0);

    const id = `batch_${randomBytes(12).toString('hex')}`;
    const outputUri = s3Uri(storage.output.bucket, `${keyIn(storage.output, `quarry/batches/${id}`)}/`);
    const jobArn = await this.createJob(deployment, {
      id,
      inputUri: file.bedrockKey,
      outputUri,
      timeoutHours: request.timeoutHours,
      invocationType: invocationTypeOf(batchRecordFormat(deployment.route, fileEndpoint)),
    });
    const batch = await this.batches.create({
      id,
      ...ownerOf(principal),
      inputFileId: file.id,
      endpoint: request.endpoint,
      completionWindow: request.completionWindow,
      metadata: request.metadata,
      modelName: file.modelName,
      deploymentId: deployment.deployment.id,
      outputUri,
      status: 'validating',
      expiresAt: new Date(Date.now() + request.timeoutHours * 3_600_000),
      price: deployment.price ?? null,
    });
    await this.batches.progress(id, {
      jobArn,
      requestCounts: { total: file.recordCount, completed: 0, failed: 0 },
    });
    await this.queue.pollSoon(id);
    return batchObject({
      ...batch,
      jobArn,
      requestCounts: { total: file.recordCount, completed: 0, failed: 0 },
    });
  }

  async retrieve(principal: Principal, id: string) {
    return batchObject(await this.find(principal, id));
  }

  async list(principal: Principal, query: Record<string, unknown>) {
    const limit = listLimitOf(query.limit);
    const after = typeof query.after === 'string' ? query.after : undefined;
    const rows = await this.batches.list(ownerScopeOf(principal), { after, limit: limit + 1 });
    return listOf(rows.slice(0, limit).map(batchObject), rows.length > limit);
  }

  async cancel(principal: Principal, id: string) {
    const batch = await this.find(principal, id);
    if (!['validating', 'in_progress', 'finalizing'].includes(batch.status))
      throw OpenAIError.badRequest(
        `Batch ${id} is ${batch.status} and cannot be cancelled`,
        'batch_id',
        'invalid_state',
      );
    const file = await this.files.find(principal, batch.inputFileId).catch(() => undefined);
    const deployment = this.deployments.forFile(
      principal,
      batch.modelName,
      file?.deploymentId ?? batch.deploymentId,
    );
    const client = controlPlaneClientFor(this.controlPlaneConfig(deployment));
    try {
      await client.send(new StopModelInvocationJobCommand({ jobIdentifier: batch.jobArn ?? '' }));
    } catch (error) {
      throw toInvocationError(error);
    } finally {
      client.destroy();
    }
    const now = new Date();
    await this.batches.progress(id, { status: 'cancelling', bedrockStatus: 'Stopping', cancellingAt: now });
    await this.queue.pollSoon(id);
    return batchObject({ ...batch, status: 'cancelling', cancellingAt: batch.cancellingAt ?? now });
  }

  private async find(principal: Principal, id: string): Promise<BatchRecord> {
    const batch = await this.batches.find(ownerScopeOf(principal), id);
    if (!batch)
      throw new OpenAIError(
        404,
        `No such Batch object: ${id}`,
        'not_found_error',
        'batch_id',
        'batch_not_found',
      );
    return batch;
  }

  private async createJob(
    deployment: BatchDeployment,
    job: {
      id: string;
      inputUri: string;
      outputUri: string;
      timeoutHours: number;
      invocationType: 'InvokeModel' | 'Converse';
    },
  ): Promise<string> {
    const storage = deployment.batch;
    const client = controlPlaneClientFor(this.controlPlaneConfig(deployment));
    try {
      const created = await client.send(
        new CreateModelInvocationJobCommand({
          jobName: `quarry-${job.id.replace(/_/g, '-')}`,
          clientRequestToken: job.id.replace(/_/g, '-'),
          roleArn: storage.roleArn,
          modelId: deployment.route.modelId,
          modelInvocationType: job.invocationType,
          inputDataConfig: { s3InputDataConfig: { s3Uri: job.inputUri, s3InputFormat: 'JSONL' } },
          outputDataConfig: {
            s3OutputDataConfig: {
              s3Uri: job.outputUri,
              ...(storage.kmsKeyId ? { s3EncryptionKeyId: storage.kmsKeyId } : {}),
            },
          },
          timeoutDurationInHours: job.timeoutHours,
          tags: [{ key: 'quarry-batch-id', value: job.id }],
        }),
      );
      if (!created.jobArn) throw new Error('CreateModelInvocationJob returned no job ARN');
      return created.jobArn;
    } catch (error) {
      throw toInvocationError(error);
    } finally {
      client.destroy();
    }
  }

  /** The control plane: the deployment's region and AWS credentials; QUARRY_AWS_ENDPOINT when set. */
  private controlPlaneConfig(deployment: ResolvedDeployment) {
    return {
      region: deployment.region,
      endpoint: this.config.awsEndpoint,
      credentials: deployment.clientConfig.credentials,
    };
  }
}

/** The distinct end users (`user`) a file's requests are for: each is checked as a live call would be. */
function endUsersOf(records: readonly BatchRecordInfo[]): string[] {
  const users = new Set<string>();
  for (const record of records) if (record.user) users.add(record.user);
  return [...users];
}
