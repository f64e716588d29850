// Bedrock control plane against the emulator, driven by the real @aws-sdk/client-bedrock.
// The batch clock runs at 250 ms per step here (not 5) so a job is reliably still Submitted when
// the Stop test stops it; the batch spec covers fast end-to-end runs.
import {
  BedrockClient,
  CreateModelInvocationJobCommand,
  GetFoundationModelCommand,
  GetModelInvocationJobCommand,
  ListFoundationModelsCommand,
  ListModelInvocationJobsCommand,
  StopModelInvocationJobCommand,
  type CreateModelInvocationJobCommandInput,
} from '@aws-sdk/client-bedrock';

import { startEmulator } from '../../apps/bedrock-emulator/src/index';
import { pollUntil } from '../support/polling';
import { controlPlaneClient } from './service-clients';

type RunningEmulator = Awaited<ReturnType<typeof startEmulator>>;

let emulator: RunningEmulator;
let bedrock: BedrockClient;
const runId = `r${process.pid}${Date.now().toString(36)}`;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, batchStepMs: 250, batchMinRecords: 3 });
  bedrock = controlPlaneClient(emulator.endpoint);
});

afterAll(async () => {
  bedrock?.destroy();
  await emulator?.close();
});

function jobInput(
  jobName: string,
  overrides: Partial<CreateModelInvocationJobCommandInput> = {},
): CreateModelInvocationJobCommandInput {
  return {
    jobName,
    roleArn: 'arn:aws:iam::123456789012:role/BedrockBatch',
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    inputDataConfig: { s3InputDataConfig: { s3Uri: `s3://input-${runId}/records/`, s3InputFormat: 'JSONL' } },
    outputDataConfig: { s3OutputDataConfig: { s3Uri: `s3://output-${runId}/results/` } },
    timeoutDurationInHours: 24,
    ...overrides,
  };
}

describe('foundation models', () => {
  it('ListFoundationModels filters by provider, output modality and inference type', async () => {
    const all = (await bedrock.send(new ListFoundationModelsCommand({}))).modelSummaries!;
    expect(all.length).toBeGreaterThan(10);

    const anthropic = (await bedrock.send(new ListFoundationModelsCommand({ byProvider: 'anthropic' })))
      .modelSummaries!;
    expect(anthropic.length).toBeGreaterThan(0);
    expect(anthropic.every((model) => model.providerName === 'Anthropic')).toBe(true);

    const embeddings = (
      await bedrock.send(new ListFoundationModelsCommand({ byOutputModality: 'EMBEDDING' }))
    ).modelSummaries!;
    expect(embeddings.map((model) => model.modelId)).toContain('amazon.titan-embed-text-v2:0');
    expect(embeddings.every((model) => model.outputModalities?.includes('EMBEDDING'))).toBe(true);

    const onDemand = (await bedrock.send(new ListFoundationModelsCommand({ byInferenceType: 'ON_DEMAND' })))
      .modelSummaries!;
    expect(onDemand.every((model) => model.inferenceTypesSupported?.includes('ON_DEMAND'))).toBe(true);
    expect(onDemand.length).toBeLessThanOrEqual(all.length);
  });

  it('ListFoundationModels rejects an unknown modality', async () => {
    await expect(
      bedrock.send(new ListFoundationModelsCommand({ byOutputModality: 'SMELL' as never })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('byOutputModality'),
    });
  });

  it('GetFoundationModel finds a model by id and by ARN, and 404s an unknown one', async () => {
    const byId = await bedrock.send(
      new GetFoundationModelCommand({ modelIdentifier: 'amazon.nova-pro-v1:0' }),
    );
    expect(byId.modelDetails).toMatchObject({
      modelId: 'amazon.nova-pro-v1:0',
      modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
      modelLifecycle: { status: 'ACTIVE' },
    });
    const byArn = await bedrock.send(
      new GetFoundationModelCommand({ modelIdentifier: byId.modelDetails!.modelArn! }),
    );
    expect(byArn.modelDetails?.modelId).toBe('amazon.nova-pro-v1:0');
    await expect(
      bedrock.send(new GetFoundationModelCommand({ modelIdentifier: 'acme.nothing-v1' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });
});

describe('model invocation jobs', () => {
  it('CreateModelInvocationJob validates like Bedrock, naming the field', async () => {
    await expect(
      bedrock.send(
        new CreateModelInvocationJobCommand(jobInput(`${runId}-v1`, { timeoutDurationInHours: 12 })),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('timeoutDurationInHours'),
    });
    await expect(
      bedrock.send(
        new CreateModelInvocationJobCommand(
          jobInput(`${runId}-v2`, {
            inputDataConfig: { s3InputDataConfig: { s3Uri: 'http://not-s3/input' } },
          }),
        ),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('inputDataConfig.s3InputDataConfig.s3Uri'),
    });
    await expect(
      bedrock.send(
        new CreateModelInvocationJobCommand(jobInput(`${runId}-v3`, { modelId: 'acme.unknown-v1' })),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('model identifier'),
    });
    await expect(
      bedrock.send(
        new CreateModelInvocationJobCommand({ ...jobInput(`${runId}-v4`), roleArn: undefined as never }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining("'roleArn'") });
  });

  it('CreateModelInvocationJob is idempotent per clientRequestToken and refuses a reused job name', async () => {
    const token = `token-${runId}`;
    const first = await bedrock.send(
      new CreateModelInvocationJobCommand(jobInput(`${runId}-idem`, { clientRequestToken: token })),
    );
    const again = await bedrock.send(
      new CreateModelInvocationJobCommand(jobInput(`${runId}-idem`, { clientRequestToken: token })),
    );
    expect(again.jobArn).toBe(first.jobArn);
    await expect(
      bedrock.send(
        new CreateModelInvocationJobCommand(
          jobInput(`${runId}-idem`, { clientRequestToken: token, timeoutDurationInHours: 48 }),
        ),
      ),
    ).rejects.toMatchObject({ name: 'ConflictException' });
    await expect(
      bedrock.send(new CreateModelInvocationJobCommand(jobInput(`${runId}-idem`))),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('job name is currently in use'),
    });
  });

  it('GetModelInvocationJob accepts the ARN or the id and returns ISO timestamps as Dates', async () => {
    const { jobArn } = await bedrock.send(new CreateModelInvocationJobCommand(jobInput(`${runId}-get`)));
    const jobId = jobArn!.split('/').pop()!;
    expect(jobArn).toMatch(/^arn:aws:bedrock:us-east-1:\d{12}:model-invocation-job\/[a-z0-9]{12}$/);
    const byArn = await bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
    const byId = await bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobId }));
    expect(byId.jobArn).toBe(jobArn);
    expect(byArn).toMatchObject({
      jobName: `${runId}-get`,
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      timeoutDurationInHours: 24,
      modelInvocationType: 'InvokeModel',
    });
    expect(byArn.submitTime).toBeInstanceOf(Date);
    expect(byArn.jobExpirationTime!.getTime() - byArn.submitTime!.getTime()).toBe(24 * 3_600_000);
    await expect(
      bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: 'abcdefghijkl' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('ListModelInvocationJobs filters by name and status, sorts, and pages with nextToken', async () => {
    const prefix = `${runId}-list`;
    const created: string[] = [];
    for (const suffix of ['a', 'b', 'c']) {
      created.push(
        (await bedrock.send(new CreateModelInvocationJobCommand(jobInput(`${prefix}-${suffix}`)))).jobArn!,
      );
    }

    const ascending = await bedrock.send(
      new ListModelInvocationJobsCommand({
        nameContains: prefix,
        sortBy: 'CreationTime',
        sortOrder: 'Ascending',
      }),
    );
    expect(ascending.invocationJobSummaries!.map((job) => job.jobArn)).toEqual(created);

    const firstPage = await bedrock.send(
      new ListModelInvocationJobsCommand({ nameContains: prefix, maxResults: 2 }),
    );
    expect(firstPage.invocationJobSummaries!.map((job) => job.jobName)).toEqual([
      `${prefix}-c`,
      `${prefix}-b`,
    ]);
    const secondPage = await bedrock.send(
      new ListModelInvocationJobsCommand({
        nameContains: prefix,
        maxResults: 2,
        nextToken: firstPage.nextToken,
      }),
    );
    expect(secondPage.invocationJobSummaries!.map((job) => job.jobName)).toEqual([`${prefix}-a`]);
    expect(secondPage.nextToken).toBeUndefined();

    const submitted = await bedrock.send(
      new ListModelInvocationJobsCommand({ nameContains: prefix, statusEquals: 'Completed' }),
    );
    expect(submitted.invocationJobSummaries).toEqual([]);

    const future = await bedrock.send(
      new ListModelInvocationJobsCommand({
        nameContains: prefix,
        submitTimeAfter: new Date(Date.now() + 60_000),
      }),
    );
    expect(future.invocationJobSummaries).toEqual([]);
  });

  it('StopModelInvocationJob moves a job through Stopping to Stopped, and refuses to stop it again', async () => {
    const { jobArn } = await bedrock.send(new CreateModelInvocationJobCommand(jobInput(`${runId}-stop`)));
    await bedrock.send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn }));
    const afterStop = await bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
    expect(afterStop.status).toBe('Stopping');

    const statuses = await pollUntil(
      'the stopped job to reach Stopped',
      async () => (await bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }))).status,
      (status) => status === 'Stopped',
      { intervalMs: 10 },
    );
    expect(statuses.every((status) => status === 'Stopping' || status === 'Stopped')).toBe(true);
    const stopped = await bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn }));
    expect(stopped.endTime).toBeInstanceOf(Date);

    await expect(
      bedrock.send(new StopModelInvocationJobCommand({ jobIdentifier: jobArn })),
    ).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('a job whose input does not exist ends Failed with a message', async () => {
    const { jobArn } = await bedrock.send(new CreateModelInvocationJobCommand(jobInput(`${runId}-missing`)));
    const statuses = await pollUntil(
      'the job without input to fail',
      async () => bedrock.send(new GetModelInvocationJobCommand({ jobIdentifier: jobArn })),
      (job) => job.status === 'Failed',
      { intervalMs: 25 },
    );
    expect(statuses.at(-1)!.message).toMatch(/does not exist|No \.jsonl input files/);
  });

  it('honours a throttle fault sent in the x-emulator-fault header', async () => {
    const throttled = controlPlaneClient(emulator.endpoint, { faultHeader: 'throttle' });
    try {
      await expect(throttled.send(new ListModelInvocationJobsCommand({}))).rejects.toMatchObject({
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 429 },
      });
    } finally {
      throttled.destroy();
    }
  });
});
