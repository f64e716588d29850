import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { spawn } from 'node:child_process';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { HttpRequest } from '@smithy/protocol-http';
import { toOpenAIError, isRetryable } from '../errors';
import { connectTimeoutError, KeepAliveHttpHandler } from './keep-alive-http-handler';

describe('KeepAliveHttpHandler', () => {
  let server: Server;
  let port: number;
  let received: Array<{
    url?: string;
    method?: string;
    headers: IncomingMessage['headers'];
    body: string;
    socket: Socket;
  }>;
  let respond: (response: ServerResponse) => void;
  const sockets = new Set<Socket>();
  const handler = new KeepAliveHttpHandler({ maxSockets: 8, connectionTimeoutMs: 1_000 });

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (part: string) => (body += part));
      request.on('end', () => {
        received.push({
          url: request.url,
          method: request.method,
          headers: request.headers,
          body,
          socket: request.socket,
        });
        respond(response);
      });
    });
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  beforeEach(() => {
    received = [];
    respond = (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    };
  });

  afterAll(async () => {
    handler.destroy();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const request = (overrides: Partial<HttpRequest> = {}) =>
    new HttpRequest({
      protocol: 'http:',
      hostname: '127.0.0.1',
      port,
      method: 'POST',
      path: '/model/m/converse',
      headers: { 'content-type': 'application/json', host: `127.0.0.1:${port}` },
      ...overrides,
    });

  const bodyText = async (body: unknown) => {
    let text = '';
    for await (const part of body as AsyncIterable<Buffer>) text += part.toString('utf8');
    return text;
  };

  it('sends method, path, query, headers and a string, bytes or stream body as given', async () => {
    await handler.handle(request({ body: '{"a":1}' }));
    await handler.handle(request({ body: new Uint8Array(Buffer.from('bytes')) }));
    await handler.handle(request({ body: Readable.from([Buffer.from('str'), Buffer.from('eam')]) }));
    await handler.handle(
      request({
        method: 'GET',
        path: '/async-invoke',
        query: { maxResults: '5', tag: ['a b', "it's"], flag: null },
      }),
    );
    expect(received.map(({ body }) => body)).toEqual(['{"a":1}', 'bytes', 'stream', '']);
    expect(received[0].headers['content-type']).toBe('application/json');
    expect(received[3]).toMatchObject({
      method: 'GET',
      url: '/async-invoke?maxResults=5&tag=a%20b&tag=it%27s&flag',
    });
  });

  it('returns status, headers (repeated ones joined) and the body as a stream', async () => {
    respond = (response) => {
      response.writeHead(429, { 'x-amzn-errortype': 'ThrottlingException', 'set-cookie': ['a=1', 'b=2'] });
      response.end('{"message":"slow down"}');
    };
    const { response } = await handler.handle(request({ body: '{}' }));
    expect(response.statusCode).toBe(429);
    expect(response.headers['x-amzn-errortype']).toBe('ThrottlingException');
    expect(response.headers['set-cookie']).toBe('a=1,b=2');
    expect(await bodyText(response.body)).toBe('{"message":"slow down"}');
  });

  it('rejects with AbortError at once for an already aborted signal, without sending anything', async () => {
    const controller = new AbortController();
    controller.abort(new Error('client left'));
    await expect(
      handler.handle(request({ body: '{}' }), { abortSignal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError', cause: new Error('client left') });
    expect(received).toHaveLength(0);
  });

  it('aborts a call waiting for headers and closes its connection', async () => {
    const arrived = new Promise<void>((resolve) => (respond = () => resolve())); // and never answered
    const controller = new AbortController();
    const call = handler.handle(request({ body: '{}' }), { abortSignal: controller.signal });
    await arrived;
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    const { socket } = received[0];
    if (!socket.destroyed) await new Promise((resolve) => socket.once('close', resolve));
    expect(socket.destroyed).toBe(true);
  });

  it('aborting after the headers ends the body stream with an error', async () => {
    respond = (response) => {
      response.writeHead(200, { 'content-type': 'application/vnd.amazon.eventstream' });
      response.write('first');
    };
    const controller = new AbortController();
    const { response } = await handler.handle(request({ body: '{}' }), { abortSignal: controller.signal });
    const reading = bodyText(response.body);
    controller.abort();
    await expect(reading).rejects.toThrow();
  });

  it('fails with TimeoutError when the socket sits idle past the idle timeout', async () => {
    respond = () => undefined;
    const impatient = new KeepAliveHttpHandler({
      maxSockets: 1,
      connectionTimeoutMs: 1_000,
      idleTimeoutMs: 100,
    });
    try {
      await expect(impatient.handle(request({ body: '{}' }))).rejects.toMatchObject({ name: 'TimeoutError' });
    } finally {
      impatient.destroy();
    }
  });

  it('reports a connection that does not open in time as a retryable network failure, not a 408', async () => {
    const stalled = await stalledListener();
    const impatient = new KeepAliveHttpHandler({ maxSockets: 1, connectionTimeoutMs: 300 });
    try {
      const error = await impatient.handle(request({ port: stalled.port, body: '{}' })).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toMatchObject({
        code: 'ETIMEDOUT',
        message: 'could not connect to Bedrock within 300 ms',
      });
      expect(error).toEqual(connectTimeoutError(300));
      expect(toOpenAIError(error)).toMatchObject({ status: 502, code: 'ETIMEDOUT' });
      expect(isRetryable(error)).toBe(true);
    } finally {
      impatient.destroy();
      stalled.close();
    }
  });

  describe('a pooled connection the server dropped while it sat idle', () => {
    // The server answers the first request of every connection and drops the connection, unanswered,
    // on the next one: what a request meets when the server's keep-alive timeout closed the socket
    // just as the gateway reused it.
    let dropping: Server;
    let droppingPort: number;
    let connections: number;
    const pooled = new KeepAliveHttpHandler({ maxSockets: 1, connectionTimeoutMs: 1_000 });

    beforeAll(async () => {
      dropping = createServer((request, response) => {
        const served = request.socket as Socket & { served?: number };
        served.served = (served.served ?? 0) + 1;
        if (served.served > 1) {
          request.socket.destroy();
          return;
        }
        request.resume();
        request.on('end', () => response.end('{"ok":true}'));
      });
      dropping.on('connection', () => connections++);
      await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
      droppingPort = (dropping.address() as AddressInfo).port;
    });
    beforeEach(() => (connections = 0));
    afterAll(async () => {
      pooled.destroy();
      dropping.closeAllConnections();
      await new Promise((resolve) => dropping.close(resolve));
    });

    it('sends the request again on a new connection and answers', async () => {
      const first = await pooled.handle(request({ port: droppingPort, body: '{}' }));
      expect(await bodyText(first.response.body)).toBe('{"ok":true}');
      const second = await pooled.handle(request({ port: droppingPort, body: '{"again":1}' }));
      expect(await bodyText(second.response.body)).toBe('{"ok":true}');
      expect(connections).toBe(2);
    });

    it('answers when every pooled connection is dead (a burst left many for the server to close)', async () => {
      const wide = new KeepAliveHttpHandler({ maxSockets: 8, connectionTimeoutMs: 1_000 });
      try {
        const burst = await Promise.all(
          Array.from({ length: 8 }, () => wide.handle(request({ port: droppingPort, body: '{}' }))),
        );
        await Promise.all(burst.map((answer) => bodyText(answer.response.body)));
        expect(connections).toBe(8);
        const after = await wide.handle(request({ port: droppingPort, body: '{"after":1}' }));
        expect(await bodyText(after.response.body)).toBe('{"ok":true}');
      } finally {
        wide.destroy();
      }
    });

    it('does not send a stream body twice: the reset reaches the caller', async () => {
      await bodyText((await pooled.handle(request({ port: droppingPort, body: '{}' }))).response.body);
      await expect(
        pooled.handle(request({ port: droppingPort, body: Readable.from([Buffer.from('{}')]) })),
      ).rejects.toMatchObject({ code: 'ECONNRESET' });
    });
  });

  it('does not retry a reset on a new connection (the server saw the request)', async () => {
    const hangUp = createServer((request) => request.socket.destroy());
    await new Promise<void>((resolve) => hangUp.listen(0, '127.0.0.1', resolve));
    let requests = 0;
    hangUp.on('request', () => requests++);
    try {
      const fresh = new KeepAliveHttpHandler({ maxSockets: 1, connectionTimeoutMs: 1_000 });
      const hangUpPort = (hangUp.address() as AddressInfo).port;
      await expect(fresh.handle(request({ port: hangUpPort, body: '{}' }))).rejects.toMatchObject({
        code: 'ECONNRESET',
      });
      expect(requests).toBe(1);
      fresh.destroy();
    } finally {
      await new Promise((resolve) => hangUp.close(resolve));
    }
  });

  it('keeps socket errors as they are (ECONNREFUSED), not as timeouts', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(handler.handle(request({ port: closedPort, body: '{}' }))).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});

/**
 * A port where a TCP connection never opens: a listener in a child process that is stopped (so it never
 * accepts), whose accept queue is then filled; the kernel drops further connection attempts.
 */
async function stalledListener(): Promise<{ port: number; close(): void }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      "const s = require('net').createServer(); s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => console.log(s.address().port));",
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (text: Buffer) => resolve(Number(String(text).trim())));
    child.once('error', reject);
  });
  process.kill(child.pid!, 'SIGSTOP');
  const fillers: Socket[] = [];
  // Connect until one attempt stays pending: from then on the queue is full.
  for (let attempt = 0; attempt < 16; attempt++) {
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    fillers.push(socket);
    const opened = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 500);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!opened) break;
  }
  return {
    port,
    close() {
      for (const socket of fillers) socket.destroy();
      child.kill('SIGKILL');
    },
  };
}
