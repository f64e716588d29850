// One request's life in the core: read the body (capped), authenticate, route on the raw path,
// resolve faults, run the service handler, and turn any failure into a restJson1 error. STS (query
// protocol, XML) is answered apart, before Bedrock's authentication: it signs for another service.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import { NodeEmulatorResponse } from './emulator-response';
import { EmulatorError } from './emulator-error';
import { resolveRequestFaults, ThrottleCounters } from './fault-parser';
import { authenticate, signedRegionOf } from './request-authenticator';
import type { RouteTable } from './route-table';
import { answerSts, isStsRequest } from '../sts/sts-handler';
import { StsSessions } from '../sts/sts-sessions';
import type { EmulatorContext, EmulatorOptions, EmulatorRequest } from './types';

export const DEFAULT_MAX_BODY_BYTES = 25 * 1024 * 1024;
const THROTTLE_COUNTERS_KEY = 'core.throttleCounters';

type NodeRequest = IncomingMessage | Http2ServerRequest;
type NodeResponse = ServerResponse | Http2ServerResponse;

export function createRequestDispatcher(
  options: EmulatorOptions,
  state: Map<string, unknown>,
  routes: RouteTable,
) {
  if (!state.has(THROTTLE_COUNTERS_KEY)) state.set(THROTTLE_COUNTERS_KEY, new ThrottleCounters());
  const counters = state.get(THROTTLE_COUNTERS_KEY) as ThrottleCounters;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  return async function dispatch(incoming: NodeRequest, outgoing: NodeResponse): Promise<void> {
    const requestId = randomUUID();
    const response = new NodeEmulatorResponse(outgoing, requestId);
    const abort = new AbortController();
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) abort.abort();
    });
    try {
      const url = incoming.url ?? '/';
      const queryStart = url.indexOf('?');
      const rawPath = queryStart < 0 ? url : url.slice(0, queryStart);
      const query = new URLSearchParams(queryStart < 0 ? '' : url.slice(queryStart + 1));
      const method = (incoming.method ?? 'GET').toUpperCase();
      const body = await readBody(incoming, maxBodyBytes);
      const signed = { method, rawPath, query, headers: incoming.headers, body };
      if (isStsRequest(method, rawPath, headerText(incoming.headers['content-type']))) {
        const answer = await answerSts(signed, options, state);
        (outgoing as ServerResponse)
          .writeHead(answer.status, {
            'content-type': 'text/xml',
            'x-amzn-requestid': requestId,
            date: new Date().toUTCString(),
          })
          .end(answer.xml);
        return;
      }
      if (options.verifySignatures) {
        await authenticate(signed, { ...options, sessions: StsSessions.of(state) });
      }
      const match = routes.match(method, rawPath);
      if (!match)
        throw new EmulatorError(
          404,
          'UnknownOperationException',
          `No operation matches ${method} ${rawPath}.`,
        );
      const { faults, modelId } = resolveRequestFaults(
        match.params.modelId,
        headerText(incoming.headers['x-emulator-fault']),
        headerText(incoming.headers['x-emulator-latency-ms']),
        counters,
      );
      if (modelId !== undefined) match.params.modelId = modelId;
      const request: EmulatorRequest = {
        method,
        rawPath,
        params: match.params,
        query,
        headers: incoming.headers,
        body,
        requestId,
        signal: abort.signal,
        region: servedRegion(options, signedRegionOf(incoming.headers)),
      };
      const context: EmulatorContext = { options, faults, state };
      await match.route.handler(request, response, context);
      // A handler may stop answering a client that went away (e.g. during injected latency).
      if (!response.headersSent && !abort.signal.aborted)
        throw new Error(`The handler for ${method} ${rawPath} sent no response.`);
    } catch (error) {
      answerFailure(error, response, outgoing);
    }
  };
}

function answerFailure(error: unknown, response: NodeEmulatorResponse, outgoing: NodeResponse): void {
  if (!(error instanceof EmulatorError)) console.error('[bedrock-emulator] handler failed:', error);
  if (response.headersSent) {
    // An event stream is already open: it cannot carry an HTTP error any more, so end it.
    if (!response.finished) outgoing.end();
    return;
  }
  if (error instanceof EmulatorError)
    response.error(error.status, error.errorType, error.message, error.extra);
  else response.error(500, 'InternalServerException', 'The emulator failed to process the request.');
}

/** The region a request is answered for: the one it was signed for when this endpoint serves it. */
function servedRegion(options: EmulatorOptions, signed: string | undefined): string {
  return signed !== undefined && (signed === options.region || options.regions?.includes(signed))
    ? signed
    : options.region;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

function tooLarge(maxBodyBytes: number): EmulatorError {
  return new EmulatorError(
    413,
    'ValidationException',
    `The request body is larger than the ${maxBodyBytes} bytes allowed.`,
  );
}

function readBody(incoming: NodeRequest, maxBodyBytes: number): Promise<Buffer> {
  const declared = Number(incoming.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    // Stop reading; the connection closes after the 413 goes out.
    incoming.resume();
    return Promise.reject(tooLarge(maxBodyBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    incoming.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        failed = true;
        reject(tooLarge(maxBodyBytes));
        return;
      }
      chunks.push(chunk);
    });
    incoming.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    incoming.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}
