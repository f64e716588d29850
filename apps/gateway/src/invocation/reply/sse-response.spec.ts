import { connect } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { SseResponse } from './sse-response';

describe('SseResponse', () => {
  let app: FastifyInstance;
  let port: number;
  let next: () => void = () => undefined;

  beforeAll(async () => {
    app = Fastify();
    app.get('/stream', async (_request, reply) => {
      const sse = new SseResponse(reply);
      sse.start({ 'x-extra': 'yes' });
      sse.write('data: 1\n\n');
      sse.write('data: 2\n\n');
      // The next part is written only once the client has seen the first: nothing may be held back.
      await new Promise<void>((resolve) => (next = resolve));
      sse.write('data: 3\n\n');
      sse.write('data: [DONE]\n\n');
      sse.end();
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });

  afterAll(() => app.close());

  it('sends the headers with what was written in the same tick, and each later write as it is made', async () => {
    // A raw socket, because an HTTP client reports every chunk of a chunked body on its own.
    const reads = await new Promise<string[]>((resolve, reject) => {
      const received: string[] = [];
      const socket = connect(port, '127.0.0.1', () =>
        socket.write(`GET /stream HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`),
      );
      socket.setEncoding('utf8');
      socket.on('data', (read: string) => {
        received.push(read);
        if (received.length === 1) next();
        // The last chunk of a chunked body; SSE responses keep the connection alive.
        if (read.endsWith('0\r\n\r\n')) {
          socket.destroy();
          resolve(received);
        }
      });
      socket.on('error', reject);
    });
    expect(reads).toHaveLength(2);
    expect(reads[0]).toMatch(/^HTTP\/1.1 200 OK\r\n/);
    expect(reads[0]).toContain('content-type: text/event-stream; charset=utf-8');
    expect(reads[0]).toContain('x-extra: yes');
    expect(reads[0]).toMatch(/data: 1\n\n\r\n.*\r\ndata: 2\n\n/s);
    expect(reads[1]).toMatch(/data: 3\n\n\r\n.*\r\ndata: \[DONE\]\n\n\r\n0\r\n\r\n$/s);
  });
});
