// A TCP relay in front of a Bedrock endpoint (the emulator), for tests that must see the connections
// the gateway opens: how many, which ones it was refused (reset at once, a retryable network failure,
// like a dead or restarting endpoint), and which side hung up first. Bytes are passed through
// untouched, so SigV4 signatures still verify at the emulator.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface RelayedConnection {
  /** The gateway's end closed (or reset) the connection before the upstream did. */
  closedByGateway: boolean;
  /** The connection is over (both directions). */
  closed: boolean;
  /** Bytes the upstream sent back through this connection. */
  bytesFromUpstream: number;
}

export interface TcpRelay {
  /** The URL to give the gateway as `aws_bedrock_runtime_endpoint`. */
  endpoint: string;
  /** Every connection accepted so far, refused ones included, in order. */
  readonly connections: readonly RelayedConnection[];
  /** How many connections were refused (reset without relaying a byte). */
  readonly refused: number;
  close(): Promise<void>;
}

export interface TcpRelayOptions {
  /** The first `refuseFirst` connections are reset at once (Infinity: every one, a dead endpoint). */
  refuseFirst?: number;
}

/**
 * Relays to `targetEndpoint` (an http://host:port URL, or a function giving it when a connection comes
 * in, for a target that starts later); with `refuseFirst: Infinity` it needs none.
 */
export async function startTcpRelay(
  targetEndpoint: string | (() => string) | undefined,
  options: TcpRelayOptions = {},
): Promise<TcpRelay> {
  const refuseFirst = options.refuseFirst ?? 0;
  const targetOf = () => {
    const endpoint = typeof targetEndpoint === 'function' ? targetEndpoint() : targetEndpoint;
    return endpoint ? new URL(endpoint) : undefined;
  };
  const connections: RelayedConnection[] = [];
  const sockets = new Set<Socket>();
  let refused = 0;

  const server: Server = createServer((incoming) => {
    sockets.add(incoming);
    incoming.on('close', () => sockets.delete(incoming));
    const connection: RelayedConnection = {
      closedByGateway: false,
      closed: false,
      bytesFromUpstream: 0,
    };
    connections.push(connection);
    const target = targetOf();
    if (connections.length <= refuseFirst || !target) {
      refused++;
      connection.closed = true;
      incoming.resetAndDestroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    let upstreamEnded = false;
    upstream.on('data', (chunk: Buffer) => (connection.bytesFromUpstream += chunk.length));
    upstream.on('end', () => (upstreamEnded = true));
    const gatewayGone = () => {
      if (!upstreamEnded && !connection.closed) connection.closedByGateway = true;
    };
    incoming.on('end', gatewayGone);
    incoming.on('error', gatewayGone);
    incoming.on('close', () => {
      gatewayGone();
      connection.closed = true;
      upstream.destroy();
    });
    upstream.on('close', () => incoming.destroy());
    upstream.on('error', () => incoming.destroy());
    incoming.pipe(upstream);
    upstream.pipe(incoming);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    connections,
    get refused() {
      return refused;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
