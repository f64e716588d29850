// The gateway's platform behaviour: health probes, OpenAI-shaped errors, request ids, and logs that
// never contain secrets.
import { Writable } from 'node:stream';
import pino from 'pino';
import { createGateway } from '../../apps/gateway/src/bootstrap';
import { startTestGateway, type TestGateway } from '../support/test-gateway';

let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startTestGateway();
});

afterAll(async () => {
  await gateway?.close();
});

function expectOpenAIError(body: any) {
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toEqual({
    message: expect.any(String),
    type: expect.any(String),
    param: body.error.param ?? null,
    code: body.error.code ?? null,
  });
}

describe('health', () => {
  it('liveliness answers without a key', async () => {
    const response = await gateway.request('/health/liveliness', { key: null });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'alive' });
  });

  it('readiness reports the database and the version', async () => {
    const response = await gateway.request('/health/readiness', { key: null });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body).toMatchObject({ status: 'ready', db: 'connected' });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('errors', () => {
  it('answers unknown routes with a 404 in OpenAI shape', async () => {
    const response = await gateway.request('/v1/no-such-route', { method: 'POST', json: {} });
    expect(response.status).toBe(404);
    const body = (await response.json()) as any;
    expectOpenAIError(body);
    expect(body.error.message).toContain('/v1/no-such-route');
  });

  it('answers a malformed JSON body with a 400 in OpenAI shape', async () => {
    const response = await gateway.request('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model": "x", "messages": [',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expectOpenAIError(body);
    expect(body.error.code).toBe('invalid_json');
  });

  it('answers an empty JSON body and a non-JSON content type in OpenAI shape', async () => {
    const empty = await gateway.request('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '',
    });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as any).error).toMatchObject({ param: 'body', code: 'invalid_json' });
    const text = await gateway.request('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: '<hello/>',
    });
    expect(text.status).toBe(415);
    expectOpenAIError(await text.json());
  });

  it('answers a missing key with a 401 in OpenAI shape', async () => {
    const response = await gateway.request('/v1/models', { key: null });
    expect(response.status).toBe(401);
    expectOpenAIError(await response.json());
  });
});

describe('request ids', () => {
  it('echoes a client x-request-id and generates one otherwise', async () => {
    const given = await gateway.request('/health/liveliness', {
      key: null,
      headers: { 'x-request-id': 'client-id-123' },
    });
    expect(given.headers.get('x-request-id')).toBe('client-id-123');
    const generated = await gateway.request('/health/liveliness', { key: null });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('logs', () => {
  it('are JSON lines with the request id and never contain keys or Authorization values', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const config = gateway.config;
    const logger = pino({ level: 'info' }, sink);
    const app = await createGateway({ env: { ...gateway.env, LOG_LEVEL: 'info' }, logger });
    await app.listen(0, '127.0.0.1');
    try {
      const address = app.getHttpServer().address() as { port: number };
      const url = `http://127.0.0.1:${address.port}`;
      const secretKey = 'sk-this-is-a-secret-virtual-key-0123456789';
      await fetch(`${url}/v1/models`, {
        headers: { authorization: `Bearer ${secretKey}`, 'x-request-id': 'log-test-1' },
      });
      await fetch(`${url}/v1/models`, { headers: { authorization: `Bearer ${config.masterKey}` } });
      await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'x-api-key': secretKey, 'content-type': 'application/json' },
        body: '{broken',
      });
    } finally {
      await app.close();
    }
    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.some((line) => JSON.parse(line).reqId === 'log-test-1')).toBe(true);
    expect(text).not.toContain('sk-this-is-a-secret-virtual-key');
    expect(text).not.toContain(config.masterKey);
  });
});
