// A stand-in Bedrock runtime that records the raw bytes of every request it receives and answers a
// minimal Converse reply, so a test can inspect exactly what the gateway put on the wire. Model ids
// containing "slow" are answered after `slowMs`, to observe the gateway's deadline.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface CapturingBedrock {
  endpoint: string;
  requests: CapturedRequest[];
  close(): Promise<void>;
}

const CONVERSE_REPLY = JSON.stringify({
  output: { message: { role: 'assistant', content: [{ text: 'ok' }] } },
  stopReason: 'end_turn',
  usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
  metrics: { latencyMs: 1 },
});

export async function startCapturingBedrock(slowMs = 3000): Promise<CapturingBedrock> {
  const requests: CapturedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = decodeURIComponent(request.url ?? '');
      requests.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = () => {
        if (response.destroyed) return;
        response.writeHead(200, { 'content-type': 'application/json' }).end(CONVERSE_REPLY);
      };
      if (path.includes('slow')) setTimeout(answer, slowMs).unref();
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
