// QUARRY_HTTP_ADAPTER=express: the same gateway on Express, measured against Fastify in bench/README. It must
// answer what the bench drives exactly as the Fastify gateway does: health, key auth, management calls, and
// chat completions plain and streamed, with request ids, the cost header, spend rows and a clean shutdown.
import OpenAI from 'openai';
import { startEmulator, type RunningEmulator } from '../../apps/bedrock-emulator/src/index';
import { SpendWriter } from '../../apps/gateway/src/spend/spend-writer.service';
import { deployment } from '../chat/chat-fixture';
import { newPrismaClient } from '../support/database';
import { createTenant, type TestTenant } from '../support/tenants';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let emulator: RunningEmulator;
let gateway: TestGateway;
let tenant: TestTenant;
let client: OpenAI;
const prisma = newPrismaClient();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  gateway = await startTestGateway({
    configYaml: `model_list:${deployment('claude-haiku', 'bedrock/anthropic.claude-3-haiku-20240307-v1:0')}`,
    awsEndpoint: emulator.endpoint,
    env: { QUARRY_HTTP_ADAPTER: 'express' },
  });
  tenant = await createTenant(gateway, { keyModels: ['claude-haiku'] });
  client = new OpenAI({ apiKey: tenant.key, baseURL: `${gateway.baseUrl}/v1`, maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
  await prisma.$disconnect();
});

describe('the gateway on Express', () => {
  it('really runs on Express', () => {
    expect(gateway.config.httpAdapter).toBe('express');
    expect(gateway.app.getHttpAdapter().getType()).toBe('express');
  });

  it('answers health checks without a key, with a request id (the client’s when it sends one)', async () => {
    const response = await gateway.request('/health/liveliness', {
      key: null,
      headers: { 'x-request-id': 'probe-1' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'alive' });
    expect(response.headers.get('x-request-id')).toBe('probe-1');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('etag')).toBeNull();
  });

  it('refuses a chat request without a valid key, in OpenAI’s error shape', async () => {
    const response = await gateway.request('/v1/chat/completions', {
      key: 'sk-not-a-real-key-000000',
      method: 'POST',
      json: { model: 'claude-haiku', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('authentication_error');
  });

  it('maps an unknown route to the OpenAI-shaped 404', async () => {
    const response = await gateway.request('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('unknown_route');
  });

  it('answers a plain completion with the cost header, and books its spend', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'claude-haiku', messages: [{ role: 'user', content: 'Say hello to Quarry' }] })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.choices[0].message.content).toContain('Quarry');
    expect(Number(response.headers.get('x-quarry-response-cost'))).toBeGreaterThan(0);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    await gateway.app.get(SpendWriter).flush();
    const row = await prisma.spendLog.findFirst({ where: { requestId: requestId! } });
    expect(row).toMatchObject({ status: 'success', modelName: 'claude-haiku', httpStatus: 200 });
  });

  it('streams a completion as server-sent events ending in [DONE]', async () => {
    const response = await gateway.request('/v1/chat/completions', {
      key: tenant.key,
      method: 'POST',
      json: {
        model: 'claude-haiku',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'Stream hello to Quarry' }],
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-request-id')).toBeTruthy();
    const text = await response.text();
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const chunks = text
      .split('\n\n')
      .filter((event) => event.startsWith('data: {'))
      .map((event) => JSON.parse(event.slice('data: '.length)));
    const content = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    expect(content).toContain('Quarry');
    expect(chunks.at(-1).usage.completion_tokens).toBeGreaterThan(0);
  });
});
