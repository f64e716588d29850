import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  InternalServerException,
  ModelErrorException,
  ModelNotReadyException,
  ModelStreamErrorException,
  ModelTimeoutException,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { OpenAIError } from '@quarry/openai';
import { isRetryable, toOpenAIError } from './errors';

const metadata = (httpStatusCode?: number) => ({ $metadata: { httpStatusCode } });

describe('toOpenAIError: Bedrock exceptions', () => {
  it.each([
    [
      new ValidationException({ message: 'Malformed input request', ...metadata(400) }),
      400,
      'invalid_request_error',
      false,
    ],
    [
      new AccessDeniedException({ message: 'You don’t have access to the model', ...metadata(403) }),
      403,
      'permission_error',
      false,
    ],
    [
      new ResourceNotFoundException({ message: 'Model not found', ...metadata(404) }),
      404,
      'not_found_error',
      false,
    ],
    [
      new ThrottlingException({ message: 'Too many requests', ...metadata(429) }),
      429,
      'rate_limit_error',
      true,
    ],
    [
      new ModelNotReadyException({ message: 'Model is loading', ...metadata(429) }),
      429,
      'rate_limit_error',
      true,
    ],
    [
      new ServiceQuotaExceededException({ message: 'Quota exceeded', ...metadata(400) }),
      429,
      'rate_limit_error',
      false,
    ],
    [
      new ModelTimeoutException({ message: 'Model timed out', ...metadata(408) }),
      408,
      'timeout_error',
      false,
    ],
    [new ModelErrorException({ message: 'Model failed', ...metadata(424) }), 502, 'upstream_error', false],
    [
      new ModelStreamErrorException({ message: 'mid-stream failure', $metadata: {} }),
      502,
      'upstream_error',
      false,
    ],
    [
      new InternalServerException({ message: 'Internal error', ...metadata(500) }),
      502,
      'upstream_error',
      true,
    ],
    [
      new ServiceUnavailableException({ message: 'Unavailable', ...metadata(503) }),
      503,
      'upstream_error',
      true,
    ],
  ])('maps %p', (error, status, type, retryable) => {
    const mapped = toOpenAIError(error);
    expect(mapped).toBeInstanceOf(OpenAIError);
    expect({ status: mapped.status, type: mapped.type, code: mapped.code, message: mapped.message }).toEqual({
      status,
      type,
      code: (error as Error).name,
      message: (error as Error).message,
    });
    expect(isRetryable(error)).toBe(retryable);
  });

  it('advises Retry-After on throttling, preferring the upstream header', () => {
    expect(
      toOpenAIError(new ThrottlingException({ message: 'slow down', ...metadata(429) })).headers,
    ).toEqual({
      'Retry-After': '1',
    });
    const withHeader = Object.assign(new ThrottlingException({ message: 'slow down', ...metadata(429) }), {
      $response: { statusCode: 429, headers: { 'retry-after': '7' } },
    });
    expect(toOpenAIError(withHeader).headers).toEqual({ 'Retry-After': '7' });
  });

  it('recovers name and message of an exception that is not in the stream union', () => {
    const raw = Object.assign(new Error('{"message":"Model took too long"}'), {
      name: 'modelTimeoutException',
    });
    const mapped = toOpenAIError(raw);
    expect([mapped.status, mapped.code, mapped.message]).toEqual([
      408,
      'ModelTimeoutException',
      'Model took too long',
    ]);
  });

  it('treats a Bedrock error body without a usable name as an upstream failure', () => {
    const raw = new Error('{"message":"Rate exceeded"}');
    const mapped = toOpenAIError(raw);
    expect([mapped.status, mapped.type, mapped.message]).toEqual([502, 'upstream_error', 'Rate exceeded']);
  });

  it('treats rejected gateway credentials as an upstream failure and never echoes the key id', () => {
    const error = Object.assign(
      new Error('The security token AKIAQUARRYEMULATOR01 included in the request is invalid.'),
      {
        name: 'UnrecognizedClientException',
        ...metadata(403),
      },
    );
    const mapped = toOpenAIError(error);
    expect(mapped.status).toBe(502);
    expect(mapped.message).not.toContain('AKIA');
    expect(isRetryable(error)).toBe(false);
  });

  it('scrubs credentials and URL user info out of kept messages', () => {
    const error = new ValidationException({
      message: 'Bad key AKIAIOSFODNN7EXAMPLE via https://admin:pw@proxy.example:8080',
      ...metadata(400),
    });
    expect(toOpenAIError(error).message).toBe('Bad key [REDACTED] via https://[REDACTED]@proxy.example:8080');
  });
});

describe('toOpenAIError: network, timeouts and the unknown', () => {
  it('reports a refused connection without naming the endpoint, and retries it', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:443'), {
      code: 'ECONNREFUSED',
      $metadata: {},
    });
    const mapped = toOpenAIError(error);
    expect([mapped.status, mapped.type, mapped.code]).toEqual([502, 'upstream_error', 'ECONNREFUSED']);
    expect(mapped.message).not.toContain('10.1.2.3');
    expect(isRetryable(error)).toBe(true);
  });

  it('finds network codes on a wrapped cause', () => {
    const error = Object.assign(new Error('socket hang up'), { cause: { code: 'ECONNRESET' } });
    expect(toOpenAIError(error).status).toBe(502);
    expect(isRetryable(error)).toBe(true);
  });

  it.each(['ECONNRESET', 'EPIPE'])(
    'retries a %s that the SDK relabels TimeoutError (a stale kept-alive socket) as a 502, not a 408',
    (code) => {
      // What @smithy/node-http-handler rejects with when the socket is reset before the response.
      const error = Object.assign(new Error('socket hang up'), { code, name: 'TimeoutError' });
      const mapped = toOpenAIError(error);
      expect([mapped.status, mapped.type, mapped.code]).toEqual([502, 'upstream_error', code]);
      expect(isRetryable(error)).toBe(true);
    },
  );

  it.each([
    Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }),
    Object.assign(new Error('request has exceeded the configured 5000 ms requestTimeout'), {
      name: 'TimeoutError',
      code: 'ETIMEDOUT',
    }),
  ])('maps our own timeout %p to 408 timeout_error and does not retry it', (error) => {
    const mapped = toOpenAIError(error);
    expect([mapped.status, mapped.type]).toEqual([408, 'timeout_error']);
    expect(mapped.message).toBe('The request to Amazon Bedrock timed out');
    expect(isRetryable(error)).toBe(false);
  });

  it('falls back on the HTTP status for names it does not know', () => {
    expect(toOpenAIError(Object.assign(new Error('x'), { name: 'NewThing', ...metadata(504) })).status).toBe(
      502,
    );
    expect(isRetryable(Object.assign(new Error('x'), { name: 'NewThing', ...metadata(504) }))).toBe(true);
    expect(
      toOpenAIError(Object.assign(new Error('x'), { name: 'NewClientThing', ...metadata(413) })).status,
    ).toBe(413);
    expect(isRetryable(Object.assign(new Error('x'), { name: 'NewClientThing', ...metadata(413) }))).toBe(
      false,
    );
  });

  it('hides the message of an error that did not come from Bedrock', () => {
    const mapped = toOpenAIError(new TypeError("Cannot read properties of undefined (reading 'secret')"));
    expect([mapped.status, mapped.type, mapped.code]).toEqual([500, 'server_error', null]);
    expect(mapped.message).not.toContain('secret');
    expect(toOpenAIError('a string').status).toBe(500);
  });

  it('passes an OpenAIError through untouched and never retries it', () => {
    const error = OpenAIError.badRequest('messages is required', 'messages');
    expect(toOpenAIError(error)).toBe(error);
    expect(isRetryable(error)).toBe(false);
  });
});

describe('toOpenAIError on errors the real SDK raises from the wire', () => {
  let server: Server;
  let reply: { status: number; headers: Record<string, string>; body: string };
  let client: BedrockRuntimeClient;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(reply.status, { 'x-amzn-requestid': 'req-1', ...reply.headers });
        response.end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'SECRETEXAMPLE' },
      authSchemePreference: ['sigv4'],
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler(),
    });
  });

  afterAll(async () => {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  async function failureFor(status: number, headers: Record<string, string>, body: string): Promise<unknown> {
    reply = { status, headers: { 'content-type': 'application/json', ...headers }, body };
    try {
      await client.send(
        new ConverseCommand({ modelId: 'anthropic.claude-3-haiku-20240307-v1:0', messages: [] }),
      );
    } catch (error) {
      return error;
    }
    throw new Error('expected the call to fail');
  }

  it('x-amzn-errortype with a namespace suffix → 429 with Retry-After', async () => {
    const error = await failureFor(
      429,
      { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/' },
      '{"message":"Too many requests, please wait before trying again."}',
    );
    const mapped = toOpenAIError(error);
    expect([mapped.status, mapped.code, mapped.message, mapped.headers['Retry-After']]).toEqual([
      429,
      'ThrottlingException',
      'Too many requests, please wait before trying again.',
      '1',
    ]);
  });

  it('__type in the body → 400 with the message kept', async () => {
    const error = await failureFor(
      400,
      {},
      '{"__type":"com.amazon.coral.validate#ValidationException","message":"bad field"}',
    );
    const mapped = toOpenAIError(error);
    expect([mapped.status, mapped.code, mapped.message]).toEqual([400, 'ValidationException', 'bad field']);
  });

  it('a non-JSON 500 → 502 and retryable', async () => {
    const error = await failureFor(500, { 'content-type': 'text/html' }, '<html>oops</html>');
    expect(toOpenAIError(error).status).toBe(502);
    expect(isRetryable(error)).toBe(true);
  });

  it('an unmodelled name with 400 → 400, not retried', async () => {
    const error = await failureFor(
      400,
      { 'x-amzn-errortype': 'SomethingNewException' },
      '{"message":"new rule"}',
    );
    const mapped = toOpenAIError(error);
    expect([mapped.status, mapped.code, mapped.message]).toEqual([400, 'SomethingNewException', 'new rule']);
    expect(isRetryable(error)).toBe(false);
  });
});
