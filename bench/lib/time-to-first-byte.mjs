// Time to first byte of a streamed answer, one request at a time over a kept-alive connection: from
// writing the request to the first byte of the response body (for Quarry and Portkey the first SSE
// chunk, for the emulator the first event-stream frame). Time to the response headers is kept too.
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';

const TIMEOUT_MS = 30_000;

/** Sends one request and reads the whole answer; rejects on a non-200 status. */
export function timeOneStream(request, agent) {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const outgoing = httpRequest(
      request.url,
      { method: 'POST', headers: request.headers, agent },
      (response) => {
        const headersAt = performance.now();
        let firstByteAt;
        let body = '';
        response.on('data', (chunk) => {
          firstByteAt ??= performance.now();
          if (response.statusCode !== 200) body += chunk;
        });
        response.on('end', () => {
          if (response.statusCode !== 200) {
            reject(new Error(`HTTP ${response.statusCode} from ${request.url}: ${body.slice(0, 300)}`));
            return;
          }
          resolve({
            headersMs: headersAt - startedAt,
            firstByteMs: (firstByteAt ?? performance.now()) - startedAt,
            totalMs: performance.now() - startedAt,
          });
        });
        response.on('error', reject);
      },
    );
    outgoing.setTimeout(TIMEOUT_MS, () => outgoing.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

export function keptAliveAgent() {
  return new Agent({ keepAlive: true, maxSockets: 1 });
}
