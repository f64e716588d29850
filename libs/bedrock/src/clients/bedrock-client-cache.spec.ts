import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { encodeEventFrame } from '@quarry/testing';
import { toOpenAIError } from '../errors';
import { clientCacheKey, type AwsClientConfig } from './aws-client-config';
import { BedrockClientCache } from './bedrock-client-cache';
import { withCallSignal } from './call-signal';
import { RUNTIME_USER_AGENT } from './lean-runtime-stack';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'very-secret-value' };

describe('clientCacheKey', () => {
  const config: AwsClientConfig = { region: 'us-east-1', credentials };

  it('never contains the secret, session token or bearer token', () => {
    const withSession = clientCacheKey('bedrock-runtime', {
      ...config,
      credentials: { ...credentials, sessionToken: 'session-xyz' },
    });
    expect(withSession).not.toContain('very-secret-value');
    expect(withSession).not.toContain('session-xyz');
    expect(
      clientCacheKey('bedrock-runtime', { region: 'us-east-1', bearerToken: 'bearer-abc' }),
    ).not.toContain('bearer-abc');
  });

  it('differs for every setting that changes what a client does', () => {
    const keys = new Set([
      clientCacheKey('bedrock-runtime', config),
      clientCacheKey('bedrock-agent-runtime', config),
      clientCacheKey('bedrock-runtime', { ...config, region: 'eu-west-1' }),
      clientCacheKey('bedrock-runtime', { ...config, endpoint: 'http://127.0.0.1:4010' }),
      clientCacheKey('bedrock-runtime', {
        ...config,
        credentials: { ...credentials, secretAccessKey: 'rotated' },
      }),
      clientCacheKey('bedrock-runtime', {
        ...config,
        credentials: { ...credentials, sessionToken: 'session' },
      }),
      clientCacheKey('bedrock-runtime', { region: 'us-east-1', bearerToken: 'token' }),
      clientCacheKey('bedrock-runtime', { region: 'us-east-1' }),
      clientCacheKey('bedrock-runtime', { ...config, maxAttempts: 1 }),
      clientCacheKey('bedrock-runtime', { ...config, requestTimeoutMs: 1000 }),
      clientCacheKey('bedrock-runtime', { ...config, maxSockets: 10 }),
    ]);
    expect(keys.size).toBe(11);
    expect(clientCacheKey('bedrock-runtime', { ...config })).toBe(clientCacheKey('bedrock-runtime', config));
  });
});

describe('BedrockClientCache', () => {
  let server: Server;
  let endpoint: string;
  let connections: number;
  let requests: IncomingMessage[];
  let respond: (request: IncomingMessage, body: Buffer, response: import('node:http').ServerResponse) => void;
  const sockets = new Set<Socket>();
  const cache = new BedrockClientCache();

  const event = (type: string, payload: object) => encodeEventFrame('event', type, payload);

  const converseReply = JSON.stringify({
    output: { message: { role: 'assistant', content: [{ text: 'hi' }] } },
    stopReason: 'end_turn',
    usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
    metrics: { latencyMs: 1 },
  });

  beforeAll(async () => {
    server = createServer((request, response) => {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => {
        requests.push(request);
        respond(request, Buffer.concat(parts), response);
      });
    });
    server.on('connection', (socket: Socket) => {
      connections++;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    connections = 0;
    requests = [];
    respond = (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(converseReply);
    };
  });

  afterEach(() => cache.close());

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const converse = (config: AwsClientConfig) =>
    cache
      .runtime(config)
      .send(new ConverseCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', messages: [] }));

  it('returns the same client for the same deployment and a new one after close()', () => {
    const config = { region: 'us-east-1', endpoint, credentials };
    const first = cache.runtime(config);
    expect(cache.runtime({ ...config, credentials: { ...credentials } })).toBe(first);
    expect(cache.runtime({ ...config, region: 'us-west-2' })).not.toBe(first);
    expect(cache.size).toBe(2);
    cache.close();
    expect(cache.size).toBe(0);
    expect(cache.runtime(config)).not.toBe(first);
  });

  it('reuses one connection for 20 sequential Converse calls', async () => {
    const config = { region: 'us-east-1', endpoint, credentials, maxAttempts: 1 };
    for (let call = 0; call < 20; call++) await converse(config);
    expect(requests).toHaveLength(20);
    expect(connections).toBe(1);
  });

  it('reuses the connection for ConverseStream calls too', async () => {
    respond = (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
      response.write(event('messageStart', { role: 'assistant' }));
      response.write(event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hi' } }));
      response.write(event('messageStop', { stopReason: 'end_turn' }));
      response.end(
        event('metadata', {
          usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
          metrics: { latencyMs: 1 },
        }),
      );
    };
    const client = cache.runtime({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
    for (let call = 0; call < 5; call++) {
      const output = await client.send(
        new ConverseStreamCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', messages: [] }),
      );
      const texts: string[] = [];
      for await (const streamEvent of output.stream ?? []) {
        if (streamEvent.contentBlockDelta?.delta?.text) texts.push(streamEvent.contentBlockDelta.delta.text);
      }
      expect(texts).toEqual(['Hi']);
    }
    expect(connections).toBe(1);
  });

  it('signs with SigV4 when credentials are given, even if AWS_BEARER_TOKEN_BEDROCK is set', async () => {
    const previous = process.env.AWS_BEARER_TOKEN_BEDROCK;
    process.env.AWS_BEARER_TOKEN_BEDROCK = 'token-from-the-environment';
    try {
      await converse({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
    } finally {
      if (previous === undefined) delete process.env.AWS_BEARER_TOKEN_BEDROCK;
      else process.env.AWS_BEARER_TOKEN_BEDROCK = previous;
    }
    expect(requests[0].headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\//,
    );
  });

  it('signs with a session token, and with the default credential chain when no credentials are configured', async () => {
    await converse({
      region: 'us-east-1',
      endpoint,
      credentials: { ...credentials, sessionToken: 'session-token-1' },
      maxAttempts: 1,
    });
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIDFROMENV', AWS_SECRET_ACCESS_KEY: 'env-secret' });
    try {
      await converse({ region: 'eu-west-1', endpoint, maxAttempts: 1 });
      await converse({ region: 'eu-west-1', endpoint, maxAttempts: 1 });
    } finally {
      process.env = saved;
    }
    expect(requests[0].headers['x-amz-security-token']).toBe('session-token-1');
    expect(requests[0].headers.authorization).toContain('Credential=AKIDEXAMPLE/');
    for (const request of requests.slice(1)) {
      expect(request.headers.authorization).toMatch(/Credential=AKIDFROMENV\/\d{8}\/eu-west-1\/bedrock\//);
    }
  });

  it('sends a Bedrock API key as a bearer token', async () => {
    await converse({ region: 'us-east-1', endpoint, bearerToken: 'ABSK-test-key', maxAttempts: 1 });
    expect(requests[0].headers.authorization).toBe('Bearer ABSK-test-key');
  });

  it('refuses a bearer token for services that cannot take one, and a missing region', () => {
    expect(() => cache.agentRuntime({ region: 'us-east-1', bearerToken: 'ABSK-test-key' })).toThrow(
      'AWS credentials',
    );
    expect(() => cache.runtime({ region: '', credentials })).toThrow('region');
  });

  it.each([
    [1, 'one when the gateway retries itself (the SDK retry step is a pass-through)'],
    [2, 'the SDK still retries when more than one attempt is asked for'],
  ])('sends the attempts it is told to: %i, %s', async (maxAttempts) => {
    respond = (_request, _body, response) => {
      response.writeHead(503, {
        'content-type': 'application/json',
        'x-amzn-errortype': 'ServiceUnavailableException',
      });
      response.end('{"message":"try later"}');
    };
    await expect(converse({ region: 'us-east-1', endpoint, credentials, maxAttempts })).rejects.toMatchObject(
      {
        name: 'ServiceUnavailableException',
      },
    );
    expect(requests).toHaveLength(maxAttempts);
  });

  it('identifies itself with a fixed user agent, signed', async () => {
    await converse({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
    expect(requests[0].headers['user-agent']).toBe(RUNTIME_USER_AGENT);
    expect(requests[0].headers['x-amz-user-agent']).toBe(RUNTIME_USER_AGENT);
    expect(requests[0].headers.authorization).toMatch(/SignedHeaders=[^,]*x-amz-user-agent/);
  });

  it('fails with a timeout our error mapping reports as 408 when headers do not arrive in time', async () => {
    respond = () => undefined; // never answers
    const failure = await converse({
      region: 'us-east-1',
      endpoint,
      credentials,
      maxAttempts: 1,
      requestTimeoutMs: 150,
    }).catch((error: unknown) => error);
    expect(toOpenAIError(failure).status).toBe(408);
  });

  it('aborts only the call whose signal fires, among concurrent calls on one client', async () => {
    const waiting: Array<import('node:http').ServerResponse> = [];
    const allWaiting = new Promise<void>((resolve) => {
      respond = (_request, _body, response) => {
        if (waiting.push(response) === 3) resolve();
      };
    });
    const client = cache.runtime({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
    const controllers = [new AbortController(), new AbortController(), new AbortController()];
    const calls = controllers.map((controller) =>
      client
        .send(
          new ConverseCommand(
            withCallSignal(
              { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', messages: [] },
              controller.signal,
            ),
          ),
        )
        .then(
          (output) => output.stopReason,
          (error: unknown) => (error as Error).name,
        ),
    );
    await allWaiting;
    controllers[1].abort();
    for (const response of waiting) {
      if (!response.destroyed) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(converseReply);
      }
    }
    expect(await Promise.all(calls)).toEqual(['end_turn', 'AbortError', 'end_turn']);
  });

  it('sends no signal marker upstream: the Converse body is exactly the input', async () => {
    let sent = '';
    respond = (_request, body, response) => {
      sent = body.toString('utf8');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(converseReply);
    };
    const input = {
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      messages: [{ role: 'user' as const, content: [{ text: 'hi' }] }],
    };
    await cache
      .runtime({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 })
      .send(new ConverseCommand(withCallSignal(input, new AbortController().signal)));
    expect(JSON.parse(sent)).toEqual({ messages: input.messages });
  });

  it('talks path-style to a local S3 without aws-chunked checksum framing', async () => {
    let stored: Buffer | undefined;
    respond = (_request, body, response) => {
      stored = body;
      response.writeHead(200, { etag: '"abc"' });
      response.end();
    };
    const s3 = cache.s3({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await s3.send(
      new PutObjectCommand({ Bucket: 'batch', Key: 'input/records.jsonl', Body: '{"recordId":"1"}\n' }),
    );
    expect(requests[0].url?.split('?')[0]).toBe('/batch/input/records.jsonl');
    expect(requests[0].headers['content-encoding']).toBeUndefined();
    expect(Object.keys(requests[0].headers).filter((name) => name.startsWith('x-amz-checksum'))).toEqual([]);
    expect(stored?.toString()).toBe('{"recordId":"1"}\n');
  });
});
