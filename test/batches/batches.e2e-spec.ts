// Files and batches end to end with the openai SDK: files.create → batches.create → batches.retrieve
// until completed → files.content, against the emulator's real batch jobs on s3rver, run by the worker.
// Chat on Claude (Anthropic Messages records), Nova and Llama 4 (Converse records, listed batch prices),
// embeddings on Titan; the cost booked per request at batch prices; tenancy.
import { priceFor, costOf } from '@quarry/bedrock';
import {
  KMS_KEY,
  ROLE_ARN,
  chatLines,
  embeddingLines,
  parseJsonl,
  startBatchFixture,
  untilFinished,
  upload,
  type BatchFixture,
} from './batch-fixture';
import { GetModelInvocationJobCommand } from '@aws-sdk/client-bedrock';
import { controlPlaneClient } from '../emulator/service-clients';

let fixture: BatchFixture;

beforeAll(async () => {
  fixture = await startBatchFixture();
  await fixture.startWorker();
});

afterAll(async () => {
  await fixture?.close();
});

describe('chat batches', () => {
  it.each([
    ['batch-claude', 'anthropic.claude-3-haiku-20240307-v1:0'],
    ['batch-nova', 'amazon.nova-lite-v1:0'],
    ['batch-llama', 'us.meta.llama4-maverick-17b-instruct-v1:0'],
  ])('%s: upload, run, and read results in OpenAI batch output format', async (model, pricingKey) => {
    const file = await upload(fixture.client, chatLines(model, 4), model);
    expect(file).toMatchObject({ object: 'file', purpose: 'batch', filename: 'requests.jsonl' });
    expect(file.id).toMatch(/^file-/);

    const created = await fixture.client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { description: 'nightly' },
    });
    expect(created).toMatchObject({ object: 'batch', status: 'validating', input_file_id: file.id });
    const { batch, statuses } = await untilFinished(fixture.client, created.id);
    expect(batch.status).toBe('completed');
    expect(statuses).toContain('completed');
    expect(batch.request_counts).toEqual({ total: 4, completed: 4, failed: 0 });
    expect(batch.metadata).toEqual({ description: 'nightly' });
    for (const field of ['created_at', 'in_progress_at', 'finalizing_at', 'completed_at'] as const)
      expect(batch[field]).toEqual(expect.any(Number));
    expect(batch.error_file_id).toBeNull();

    const lines = parseJsonl(await (await fixture.client.files.content(batch.output_file_id!)).text());
    expect(lines.map((line) => line.custom_id).sort()).toEqual([
      'request-1',
      'request-2',
      'request-3',
      'request-4',
    ]);
    for (const line of lines) {
      expect(line.id).toMatch(/^batch_req_/);
      expect(line.error).toBeNull();
      expect(line.response.status_code).toBe(200);
      expect(line.response.body).toMatchObject({
        object: 'chat.completion',
        model,
        choices: [
          { index: 0, message: { role: 'assistant', content: expect.any(String) }, finish_reason: 'stop' },
        ],
      });
      expect(line.response.body.usage.prompt_tokens).toBeGreaterThan(0);
    }

    // One spend row per request at batch prices (listed for Llama 4, half of on-demand otherwise),
    // booked to the key, team, user and the request's end user.
    const rows = await fixture.prisma.spendLog.findMany({
      where: { requestId: { startsWith: `${batch.id}/` } },
    });
    expect(rows).toHaveLength(4);
    const price = priceFor(pricingKey, 'us-east-1')!;
    for (const row of rows) {
      expect(row).toMatchObject({
        callType: 'batch',
        modelName: model,
        keyId: fixture.tenant.keyId,
        teamId: fixture.tenant.teamId,
        userId: fixture.tenant.userId,
        status: 'success',
      });
      const usage = {
        inputTokens: row.promptTokens,
        outputTokens: row.completionTokens,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      };
      expect(row.cost).toBeCloseTo(costOf(usage, price, { batch: true }), 12);
      expect(row.cost).toBeLessThan(costOf(usage, price));
    }
    expect(new Set(rows.map((row) => row.endUser))).toEqual(new Set(['end-user-0', 'end-user-1']));
    const total = rows.reduce((sum, row) => sum + row.cost, 0);
    const key = await fixture.prisma.virtualKey.findUnique({ where: { id: fixture.tenant.keyId } });
    expect(key!.spend).toBeGreaterThanOrEqual(total - 1e-12);
  });

  it('writes Anthropic Messages records (no gateway setting inside) and creates the job with role, KMS key and timeout', async () => {
    const file = await upload(fixture.client, chatLines('batch-claude', 3));
    const created = await fixture.client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '48h' as '24h',
    });
    const keys = await fixture.listS3(`team-files/quarry/files/${file.id}/`);
    const bedrockInput = keys.find((key) => key.endsWith('bedrock-input.jsonl'))!;
    const records = parseJsonl(await fixture.readS3(bedrockInput));
    expect(records[0]).toMatchObject({
      recordId: 'CALL0000001',
      modelInput: {
        anthropic_version: 'bedrock-2023-05-31',
        max_tokens: 100,
        system: [{ type: 'text', text: 'You are a helpful assistant.' }],
      },
    });
    const recordText = JSON.stringify(records);
    for (const secret of [ROLE_ARN, fixture.bucket, 's3_', 'request-1', KMS_KEY])
      expect(recordText).not.toContain(secret);
    const stored = await fixture.prisma.batch.findUnique({ where: { id: created.id } });
    const control = controlPlaneClient(fixture.emulator.endpoint);
    const job = await control.send(new GetModelInvocationJobCommand({ jobIdentifier: stored!.jobArn! }));
    control.destroy();
    expect(job).toMatchObject({
      roleArn: ROLE_ARN,
      timeoutDurationInHours: 48,
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      outputDataConfig: { s3OutputDataConfig: { s3EncryptionKeyId: KMS_KEY } },
    });
    expect((await untilFinished(fixture.client, created.id)).batch.status).toBe('completed');
  });
});

describe('embedding batches', () => {
  it('runs Titan embeddings and answers embedding lists with the custom ids', async () => {
    const file = await upload(fixture.client, embeddingLines('batch-embed', 3), 'batch-embed');
    const created = await fixture.client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/embeddings',
      completion_window: '24h',
    });
    const { batch } = await untilFinished(fixture.client, created.id);
    expect(batch).toMatchObject({
      status: 'completed',
      request_counts: { total: 3, completed: 3, failed: 0 },
    });
    const lines = parseJsonl(await (await fixture.client.files.content(batch.output_file_id!)).text());
    const byId = new Map(lines.map((line) => [line.custom_id, line]));
    expect([...byId.keys()].sort()).toEqual(['embed-1', 'embed-2', 'embed-3']);
    const body = byId.get('embed-1')!.response.body;
    expect(body).toMatchObject({
      object: 'list',
      model: 'batch-embed',
      data: [{ object: 'embedding', index: 0 }],
    });
    expect(body.data[0].embedding).toHaveLength(1024);
    expect(body.usage.prompt_tokens).toBeGreaterThan(0);
  });

  it('refuses an embeddings batch against a chat file', async () => {
    const file = await upload(fixture.client, chatLines('batch-claude', 3));
    await expect(
      fixture.client.batches.create({
        input_file_id: file.id,
        endpoint: '/v1/embeddings',
        completion_window: '24h',
      }),
    ).rejects.toMatchObject({ status: 400, param: 'endpoint' });
  });
});

describe('files', () => {
  it('lists, retrieves, reads and deletes the caller\u2019s files; another team gets 404 for all of them', async () => {
    const jsonl = chatLines('batch-nova', 3, 'own');
    const file = await upload(fixture.client, jsonl, 'batch-nova');
    expect(await fixture.client.files.retrieve(file.id)).toMatchObject({
      id: file.id,
      bytes: Buffer.byteLength(jsonl),
    });
    expect(await (await fixture.client.files.content(file.id)).text()).toBe(jsonl);
    const page = await fixture.client.files.list({ limit: 100 } as never);
    expect(page.data.map((item) => item.id)).toContain(file.id);

    const other = fixture.otherClient;
    await expect(other.files.retrieve(file.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.files.content(file.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.files.delete(file.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      other.batches.create({
        input_file_id: file.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect((await other.files.list()).data.map((item) => item.id)).not.toContain(file.id);

    const created = await fixture.client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    await expect(fixture.client.files.delete(file.id)).rejects.toMatchObject({
      status: 400,
      code: 'file_in_use',
    });
    await expect(other.batches.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(other.batches.cancel(created.id)).rejects.toMatchObject({ status: 404 });
    expect((await other.batches.list()).data.map((item) => item.id)).not.toContain(created.id);
    const { batch } = await untilFinished(fixture.client, created.id);
    await expect(other.files.content(batch.output_file_id!)).rejects.toMatchObject({ status: 404 });

    expect(await fixture.client.files.delete(file.id)).toMatchObject({ id: file.id, deleted: true });
    await expect(fixture.client.files.retrieve(file.id)).rejects.toMatchObject({ status: 404 });
  });

  it('takes LiteLLM\u2019s extra_body form field and refuses a key without the model with 403', async () => {
    const form = new FormData();
    form.append('purpose', 'batch');
    form.append('file', new Blob([chatLines('batch-claude', 3)]), 'litellm.jsonl');
    form.append('extra_body', JSON.stringify({ target_model_names: 'batch-claude' }));
    const response = await fixture.gateway.request('/v1/files', {
      method: 'POST',
      body: form,
      key: fixture.tenant.key,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ object: 'file', filename: 'litellm.jsonl' });

    const { createTenant } = await import('../support/tenants');
    const limited = await createTenant(fixture.gateway, { keyModels: ['batch-nova'] });
    const denied = await fixture.gateway.request('/v1/files', {
      method: 'POST',
      body: form,
      key: limited.key,
    });
    expect(denied.status).toBe(403);
  });

  it('shows batch models in /model_group/info with their endpoints', async () => {
    const response = await fixture.gateway.request('/model_group/info', { key: fixture.tenant.key });
    const groups = ((await response.json()) as { data: Array<Record<string, any>> }).data;
    expect(groups.find((group) => group.model_group === 'batch-claude')).toMatchObject({
      mode: 'batch',
      supported_endpoints: ['/v1/files', '/v1/batches'],
    });
  });
});
