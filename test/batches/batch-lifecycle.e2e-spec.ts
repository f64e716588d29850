// What can go wrong with a batch, end to end: a file refused line by line before anything is stored,
// Bedrock's record minimum refused at creation, cancel, a job that fails, one that partially completes,
// a worker restarted mid-job, and two workers on one batch (collected and booked exactly once).
import {
  chatLines,
  parseJsonl,
  startBatchFixture,
  untilFinished,
  upload,
  type BatchFixture,
} from './batch-fixture';
import { pollUntil } from '../support/polling';

let fixture: BatchFixture;

beforeAll(async () => {
  fixture = await startBatchFixture();
});

afterAll(async () => {
  await fixture?.close();
});

const line = (customId: string, body: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body, ...extra });
const ok = (customId: string) =>
  line(customId, { model: 'batch-claude', messages: [{ role: 'user', content: 'hi' }] });

describe('validation before anything is stored', () => {
  it.each([
    ['not JSON', [ok('a'), '{nope'], /^Line 2: the line is not valid JSON/],
    [
      'a duplicate custom_id',
      [ok('a'), ok('b'), ok('a')],
      /^Line 3: custom_id "a" is already used by line 1/,
    ],
    [
      'a GET',
      [ok('a'), line('b', { model: 'batch-claude', messages: [] }, { method: 'GET' })],
      /^Line 2: method must be "POST"/,
    ],
    ['an unknown url', [line('a', {}, { url: '/v1/completions' })], /^Line 1: url must be one of/],
    ['a bad body', [ok('a'), line('b', { model: 'batch-claude', messages: 'hi' })], /^Line 2: .*messages/],
    [
      'another model',
      [ok('a'), line('b', { model: 'batch-nova', messages: [{ role: 'user', content: 'x' }] })],
      /^Line 2: body.model "batch-nova" is not the file's target model "batch-claude"/,
    ],
    [
      'a parameter Bedrock would refuse',
      [
        ok('a'),
        line('b', {
          model: 'batch-claude',
          messages: [{ role: 'user', content: 'x' }],
          logit_bias: { 1: 2 },
        }),
      ],
      /^Line 2: .*logit_bias/,
    ],
  ])('refuses %s with a 400 naming the line', async (_what, lines, message) => {
    const before = await fixture.listS3('team-files/quarry/files/');
    const error = await upload(fixture.client, lines.join('\n'), 'batch-claude').catch((caught) => caught);
    expect(error).toMatchObject({ status: 400, code: 'invalid_batch_line' });
    expect(error.error.message).toMatch(message);
    expect(await fixture.listS3('team-files/quarry/files/')).toEqual(before);
  });

  it('refuses a purpose other than batch, a model that does not exist and one that is not a batch model', async () => {
    const { toFile } = await import('openai');
    await expect(
      fixture.client.files.create({
        file: await toFile(Buffer.from(ok('a')), 'a.jsonl'),
        purpose: 'fine-tune',
      }),
    ).rejects.toMatchObject({ status: 400, param: 'purpose' });
    const unknownModel = line('a', { model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] });
    await expect(upload(fixture.client, unknownModel)).rejects.toMatchObject({ status: 404 });
    const chatModel = line('a', { model: 'plain-claude', messages: [{ role: 'user', content: 'x' }] });
    const error = await upload(fixture.client, chatModel).catch((caught) => caught);
    expect(error).toMatchObject({ status: 400, code: 'not_a_batch_model' });
    expect(error.error.message).toMatch(/not a batch model \(model_info.mode: batch\)/);
  });
});

describe('batches Bedrock would refuse', () => {
  it('refuses fewer records than the batch minimum, naming it', async () => {
    const file = await upload(fixture.client, chatLines('batch-claude', 2));
    const error = await fixture.client.batches
      .create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' })
      .catch((caught) => caught);
    expect(error).toMatchObject({ status: 400, code: 'too_few_requests' });
    expect(error.error.message).toMatch(/has 2 requests; a Bedrock batch job needs at least 3/);
    expect((await fixture.client.batches.list()).data.map((batch) => batch.input_file_id)).not.toContain(
      file.id,
    );
  });

  it('refuses a completion window Bedrock cannot run', async () => {
    const file = await upload(fixture.client, chatLines('batch-claude', 3));
    await expect(
      fixture.client.batches.create({
        input_file_id: file.id,
        endpoint: '/v1/chat/completions',
        completion_window: '1h' as '24h',
      }),
    ).rejects.toMatchObject({ status: 400, param: 'completion_window' });
  });
});

describe('job outcomes', () => {
  it('cancels a batch: StopModelInvocationJob, then cancelling → cancelled', async () => {
    const worker = await fixture.startWorker();
    const file = await upload(fixture.client, chatLines('batch-claude', 3));
    const created = await fixture.client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const cancelled = await fixture.client.batches.cancel(created.id);
    expect(cancelled.status).toBe('cancelling');
    const { batch } = await untilFinished(fixture.client, created.id);
    expect(batch.status).toBe('cancelled');
    expect(batch.cancelled_at).toEqual(expect.any(Number));
    await expect(fixture.client.batches.cancel(created.id)).rejects.toMatchObject({ status: 400 });
    await worker.close();
  });

  it('reports a job that fails, with Bedrock\u2019s message and no cost', async () => {
    const worker = await fixture.startWorker();
    const file = await upload(fixture.client, chatLines('batch-failing', 3));
    const created = await fixture.client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const { batch } = await untilFinished(fixture.client, created.id);
    expect(batch).toMatchObject({ status: 'failed', output_file_id: null });
    expect(batch.failed_at).toEqual(expect.any(Number));
    expect(batch.errors?.data?.[0]).toMatchObject({
      code: 'bedrock_job_failed',
      message: expect.stringMatching(/failed/),
    });
    expect(
      await fixture.prisma.spendLog.count({ where: { requestId: { startsWith: `${batch.id}/` } } }),
    ).toBe(0);
    await worker.close();
  });

  it('splits a partially completed job into an output file and an error file, custom ids kept', async () => {
    const worker = await fixture.startWorker();
    const file = await upload(fixture.client, chatLines('batch-flaky', 4));
    const created = await fixture.client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    const { batch } = await untilFinished(fixture.client, created.id);
    expect(batch).toMatchObject({
      status: 'completed',
      request_counts: { total: 4, completed: 2, failed: 2 },
    });
    const output = parseJsonl(await (await fixture.client.files.content(batch.output_file_id!)).text());
    const errors = parseJsonl(await (await fixture.client.files.content(batch.error_file_id!)).text());
    expect(output.map((item) => item.custom_id).sort()).toEqual(['request-1', 'request-3']);
    expect(errors.map((item) => item.custom_id).sort()).toEqual(['request-2', 'request-4']);
    expect(errors[0]).toMatchObject({
      response: {
        status_code: 500,
        body: { error: { message: expect.stringMatching(/model returned an error/) } },
      },
    });
    const rows = await fixture.prisma.spendLog.findMany({
      where: { requestId: { startsWith: `${batch.id}/` } },
    });
    expect(rows.filter((row) => row.status === 'success' && row.cost > 0)).toHaveLength(2);
    expect(rows.filter((row) => row.status === 'error' && row.cost === 0)).toHaveLength(2);
    await worker.close();
  });

  it('finishes a job after its worker was restarted mid-job', async () => {
    const first = await fixture.startWorker();
    const file = await upload(fixture.client, chatLines('batch-nova', 3));
    const created = await fixture.client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    await pollUntil(
      'the worker to see the job start',
      () => fixture.client.batches.retrieve(created.id),
      (batch) => batch.status !== 'validating',
      { intervalMs: 10 },
    );
    await first.close();
    const second = await fixture.startWorker();
    const { batch } = await untilFinished(fixture.client, created.id);
    expect(batch).toMatchObject({
      status: 'completed',
      request_counts: { total: 3, completed: 3, failed: 0 },
    });
    await second.close();
  });

  it('collects and books a batch exactly once with two workers', async () => {
    const workers = await Promise.all([fixture.startWorker(), fixture.startWorker()]);
    const file = await upload(fixture.client, chatLines('batch-claude', 5));
    const created = await Promise.all(
      [0, 1].map(() =>
        fixture.client.batches.create({
          input_file_id: file.id,
          endpoint: '/v1/chat/completions',
          completion_window: '24h',
        }),
      ),
    );
    for (const { id } of created) {
      const { batch } = await untilFinished(fixture.client, id);
      expect(batch.status).toBe('completed');
      expect(await fixture.prisma.spendLog.count({ where: { requestId: { startsWith: `${id}/` } } })).toBe(5);
      expect(await fixture.prisma.batchFile.count({ where: { filename: `${id}_output.jsonl` } })).toBe(1);
    }
    await Promise.all(workers.map((worker) => worker.close()));
  });
});
