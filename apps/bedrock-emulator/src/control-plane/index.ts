// Bedrock control plane (bedrock.{region}.amazonaws.com) operations served by the emulator, and
// the batch job runner behind them.
import { S3Client } from '@aws-sdk/client-s3';

import type { EmulatorContext, EmulatorRoute } from '../http/types';
import { BatchJobs } from './batch-jobs';
import { getFoundationModel, listFoundationModels } from './foundation-models.handler';
import { startLocalS3, type LocalS3 } from './local-s3';
import {
  BATCH_JOBS_STATE_KEY,
  createModelInvocationJob,
  getModelInvocationJob,
  listModelInvocationJobs,
  stopModelInvocationJob,
} from './model-invocation-jobs.handler';

export const controlPlaneRoutes: EmulatorRoute[] = [
  { method: 'POST', pattern: '/model-invocation-job', handler: createModelInvocationJob },
  {
    method: 'GET',
    pattern: '/model-invocation-job/{jobIdentifier}',
    handler: getModelInvocationJob,
  },
  { method: 'GET', pattern: '/model-invocation-jobs', handler: listModelInvocationJobs },
  {
    method: 'POST',
    pattern: '/model-invocation-job/{jobIdentifier}/stop',
    handler: stopModelInvocationJob,
  },
  { method: 'GET', pattern: '/foundation-models', handler: listFoundationModels },
  {
    method: 'GET',
    pattern: '/foundation-models/{modelIdentifier}',
    handler: getFoundationModel,
  },
];

/**
 * Starts what batch jobs need: s3rver (unless options.s3Endpoint names an S3 to use) and the job
 * runner, which handlers find in context.state. close() stops the runner's timers, then s3rver.
 */
export async function startControlPlane(
  context: EmulatorContext,
): Promise<{ s3Endpoint: string; close(): Promise<void> }> {
  const { options } = context;
  const localS3: LocalS3 | undefined =
    options.s3Endpoint === undefined ? await startLocalS3(options.s3Credentials) : undefined;
  const s3Endpoint = localS3?.endpoint ?? (options.s3Endpoint as string);
  const s3 = new S3Client({
    region: options.region,
    endpoint: s3Endpoint,
    credentials: options.s3Credentials,
    forcePathStyle: true,
    // s3rver stores aws-chunked framing verbatim, so checksums only when S3 insists (bedrock-wire.md §9).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const jobs = new BatchJobs({
    s3,
    region: options.region,
    stepMs: options.batchStepMs,
    minRecords: options.batchMinRecords,
  });
  context.state.set(BATCH_JOBS_STATE_KEY, jobs);
  return {
    s3Endpoint,
    async close() {
      await jobs.close();
      context.state.delete(BATCH_JOBS_STATE_KEY);
      s3.destroy();
      await localS3?.close();
    },
  };
}
