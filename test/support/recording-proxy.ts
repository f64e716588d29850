// An HTTP proxy stand-in in front of a Bedrock endpoint (the emulator, known only once it has started):
// records each request's path, headers and body, then forwards it unchanged (SigV4 still verifies), so a
// test sees exactly what the gateway sent.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  /** The URL path, percent-decoded (`/model/<id>/converse`). */
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RecordingProxy {
  /** The URL to give a deployment as `aws_bedrock_runtime_endpoint`. */
  endpoint: string;
  /** Every request so far, in order; tests may empty it. */
  recorded: RecordedRequest[];
  /** Where requests go from now on (an http://host:port URL). */
  forwardTo(target: string): void;
  close(): Promise<void>;
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const recorded: RecordedRequest[] = [];
  let target = '';
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      recorded.push({ path: decodeURIComponent(incoming.url!), headers: incoming.headers, body });
      const forwarded = httpRequest(
        new URL(incoming.url!, target),
        { method: incoming.method, headers: incoming.headers },
        (answer) => {
          outgoing.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    recorded,
    forwardTo(next) {
      target = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
