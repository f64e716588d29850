// Create/Get/List/Stop ModelInvocationJob: thin adapters between HTTP and the BatchJobs store.
import { EmulatorError } from '../http/emulator-error';
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../http/types';
import { parseJsonBody } from '../service-support/request-body';
import { answerLeadingFaults, SERVICE_FAULTS } from '../service-support/request-faults';
import { notFound } from '../service-support/service-error';
import { jobSummary, type BatchJob } from './batch-job';
import type { BatchJobs } from './batch-jobs';
import { parseCreateJobRequest } from './create-job-request';
import { listJobs, parseJobListQuery } from './job-listing';

export const BATCH_JOBS_STATE_KEY = 'control-plane.batch-jobs';

function batchJobs(context: EmulatorContext): BatchJobs {
  const jobs = context.state.get(BATCH_JOBS_STATE_KEY) as BatchJobs | undefined;
  if (!jobs) throw new EmulatorError(500, 'InternalServerException', 'The batch job runner is not started.');
  return jobs;
}

function findJob(context: EmulatorContext, identifier: string): BatchJob {
  const job = batchJobs(context).find(identifier);
  if (!job) throw notFound(`The model invocation job ${identifier} does not exist.`);
  return job;
}

export async function createModelInvocationJob(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  const specification = parseCreateJobRequest(parseJsonBody(request.body));
  if (await answerLeadingFaults(context.faults, context, response, request.signal, SERVICE_FAULTS)) return;
  response.json({ jobArn: batchJobs(context).create(specification).jobArn });
}

export async function getModelInvocationJob(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  const job = findJob(context, request.params.jobIdentifier);
  if (await answerLeadingFaults(context.faults, context, response, request.signal, SERVICE_FAULTS)) return;
  response.json(jobSummary(job));
}

export async function listModelInvocationJobs(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  const query = parseJobListQuery(request.query);
  if (await answerLeadingFaults(context.faults, context, response, request.signal, SERVICE_FAULTS)) return;
  const { page, nextToken } = listJobs(batchJobs(context).all(), query);
  response.json({ invocationJobSummaries: page.map(jobSummary), ...(nextToken ? { nextToken } : {}) });
}

export async function stopModelInvocationJob(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  const job = findJob(context, request.params.jobIdentifier);
  if (await answerLeadingFaults(context.faults, context, response, request.signal, SERVICE_FAULTS)) return;
  batchJobs(context).stop(job);
  response.json({});
}
