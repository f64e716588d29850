import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { encodeEventFrame } from '@quarry/testing';
import { BedrockClientCache } from './bedrock-client-cache';
import { RuntimeRestJsonProtocol } from './runtime-protocol';

// The gateway's runtime client (with lean-serde-middleware.ts) against a stock SDK client, on the same
// canned answers: the same output, and errors with the same name, message, fault and metadata.
describe('the lean serde middlewares', () => {
  let server: Server;
  let endpoint: string;
  let answer: (response: ServerResponse) => void;
  let stock: BedrockRuntimeClient;
  const cache = new BedrockClientCache();
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => answer(response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stock = new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint,
      credentials,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler(),
    });
  });

  afterAll(async () => {
    stock.destroy();
    cache.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const converse = (client: BedrockRuntimeClient) =>
    client.send(
      new ConverseCommand({
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      }),
    );
  const gateway = () => cache.runtime({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });

  const reply =
    (status: number, body: string, headers: Record<string, string> = {}) =>
    (response: ServerResponse) => {
      response.writeHead(status, { 'x-amzn-requestid': 'req-123', ...headers });
      response.end(body);
    };

  const converseStream = async (client: BedrockRuntimeClient) => {
    const output = await client.send(
      new ConverseStreamCommand({
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      }),
    );
    for await (const event of output.stream ?? []) void event;
  };

  async function failureOf(
    client: BedrockRuntimeClient,
    call: (client: BedrockRuntimeClient) => Promise<unknown> = converse,
  ) {
    const error = await call(client).then(
      () => {
        throw new Error('the call succeeded');
      },
      (failure: unknown) => failure as Error & Record<string, unknown>,
    );
    const { httpStatusCode, requestId } = (error.$metadata ?? {}) as Record<string, unknown>;
    return {
      name: error.name,
      message: error.message,
      fault: error.$fault,
      httpStatusCode,
      requestId,
      hasRawResponse: error.$response !== undefined,
    };
  }

  it('returns the same Converse output', async () => {
    answer = reply(
      200,
      JSON.stringify({
        output: { message: { role: 'assistant', content: [{ text: 'hello' }] } },
        stopReason: 'end_turn',
        usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 },
        metrics: { latencyMs: 12 },
      }),
      { 'content-type': 'application/json' },
    );
    const { $metadata: ours, ...output } = await converse(gateway());
    const { $metadata: theirs, ...expected } = await converse(stock);
    expect(output).toEqual(expected);
    expect(output.output?.message?.content).toEqual([{ text: 'hello' }]);
    expect(ours.requestId).toBe(theirs.requestId);
  });

  it.each([
    [
      'a modelled exception',
      reply(429, JSON.stringify({ message: 'Too many requests' }), {
        'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/',
        'content-type': 'application/json',
      }),
      'ThrottlingException',
    ],
    [
      'a validation error',
      reply(400, JSON.stringify({ message: 'The model is not valid' }), {
        'x-amzn-errortype': 'ValidationException',
        'content-type': 'application/json',
      }),
      'ValidationException',
    ],
    [
      'a success status with a body that is not JSON',
      reply(200, '<html>proxy error</html>', { 'content-type': 'text/html' }),
      'SyntaxError',
    ],
  ])('fails like the stock SDK on %s', async (_case, canned, name) => {
    answer = canned;
    const ours = await failureOf(gateway());
    expect(ours).toEqual(await failureOf(stock));
    expect(ours).toMatchObject({ name, requestId: 'req-123', hasRawResponse: true });
  });

  it('fails to open a stream like the stock SDK when Bedrock refuses it', async () => {
    answer = reply(429, JSON.stringify({ message: 'Too many requests' }), {
      'x-amzn-errortype': 'ThrottlingException',
      'content-type': 'application/json',
    });
    const ours = await failureOf(gateway(), converseStream);
    expect(ours).toEqual(await failureOf(stock, converseStream));
    expect(ours).toMatchObject({ name: 'ThrottlingException', httpStatusCode: 429 });
  });

  it('fails like the stock SDK when the first event of a stream is an exception', async () => {
    answer = (response) => {
      response.writeHead(200, {
        'content-type': 'application/vnd.amazon.eventstream',
        'x-amzn-requestid': 'req-123',
      });
      response.end(encodeEventFrame('exception', 'throttlingException', { message: 'Slow down' }));
    };
    const ours = await failureOf(gateway(), converseStream);
    expect(ours).toEqual(await failureOf(stock, converseStream));
    expect(ours).toMatchObject({ name: 'ThrottlingException', message: 'Slow down' });
  });

  // The parity above only means something if the gateway's client really runs these pieces.
  it("is what the gateway's runtime client uses", async () => {
    const client = gateway();
    expect(client.config.protocol).toBeInstanceOf(RuntimeRestJsonProtocol);
    const serializeRequest = jest.spyOn(client.config.protocol, 'serializeRequest');
    answer = reply(200, JSON.stringify({ output: { message: { role: 'assistant', content: [] } } }));
    await converse(client);
    expect(Object.getPrototypeOf(serializeRequest.mock.calls[0][2])).toBe(client.config);
  });
});
