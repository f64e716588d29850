// One TCP port for HTTP/1.1 and h2c: the SDK's Bedrock runtime clients speak HTTP/2 with prior
// knowledge, the control plane and S3 clients speak HTTP/1.1 (bedrock-wire.md §1.2).
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';

const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

type Handler = (request: any, response: any) => void;

export interface DualProtocolServer {
  port: number;
  close(): Promise<void>;
}

export async function listenDualProtocol(
  handler: Handler,
  host: string,
  port: number,
): Promise<DualProtocolServer> {
  const http1Server = http.createServer(handler);
  const http2Server = http2.createServer({}, handler);
  const sockets = new Set<net.Socket>();
  const sessions = new Set<http2.ServerHttp2Session>();
  http2Server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });

  const server = net.createServer((socket) => {
    sockets.add(socket);
    // Stream events are small writes; without this, Nagle + delayed ACK hold each one ~40 ms.
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('readable', () => {
      const head: Buffer | null = socket.read(HTTP2_PREFACE.length) ?? socket.read();
      if (!head) {
        socket.destroy();
        return;
      }
      socket.unshift(head);
      const length = Math.min(head.length, HTTP2_PREFACE.length);
      const isHttp2 = head.length >= 3 && HTTP2_PREFACE.subarray(0, length).equals(head.subarray(0, length));
      (isHttp2 ? http2Server : http1Server).emit('connection', socket);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
      http1Server.closeAllConnections();
      await closed;
    },
  };
}
