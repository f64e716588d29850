// Sends one passthrough request to Bedrock: the client's bytes, with only the headers that carry
// operation parameters, authenticated as the deployment (SigV4 with credentials from the SDK's own
// provider, or the deployment's Bedrock API key as a bearer token; bedrock-wire.md §7.4). The client's
// Authorization, x-amz-* signing and security headers, cookies and everything else stay behind.
//
// A SigV4 signature covers the payload's hash, so a signed request's body is held in memory first
// (bounded by the caller); a bearer request streams the body through as it arrives. The answer comes
// back as Node's IncomingMessage, untouched, for the caller to relay.
import { request as httpRequest, Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider, ChecksumConstructor, HashConstructor } from '@smithy/types';
import type { PassthroughService } from './passthrough-operation';

export type PassthroughAuth =
  | {
      kind: 'sigv4';
      credentials: AwsCredentialIdentityProvider;
      sha256: ChecksumConstructor | HashConstructor;
    }
  | { kind: 'bearer'; token: string };

export interface PassthroughUpstream {
  /** Scheme, host and port, e.g. https://bedrock-runtime.us-east-1.amazonaws.com. */
  endpoint: string;
  region: string;
  auth: PassthroughAuth;
}

export interface PassthroughRequest {
  path: string;
  headers: Record<string, string>;
  /** A Buffer when signing with SigV4; a stream (with its length, when known) for bearer auth. */
  body: Buffer | Readable;
  contentLength?: number;
  signal: AbortSignal;
}

/** Bedrock's signing name for the runtime and the agent runtime alike. */
const SIGNING_SERVICE = 'bedrock';
const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 1024 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 1024 }),
};

export function defaultPassthroughEndpoint(service: PassthroughService, region: string): string {
  return `https://${service}.${region}.amazonaws.com`;
}

/**
 * The request headers that go upstream: operation parameters only. `content-type` and `accept`, and the
 * `x-amzn-bedrock-*` headers InvokeModel takes its parameters from (accept, trace, guardrail, latency,
 * service tier, request metadata). Everything else — Authorization, x-amz-date, x-amz-security-token,
 * x-amz-content-sha256, x-amz-source-arn, cookies, the gateway key headers, hop-by-hop headers — stays.
 */
export function forwardableHeaders(incoming: IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    if (name === 'content-type' || name === 'accept' || name.startsWith('x-amzn-bedrock-')) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return headers;
}

export async function sendPassthrough(
  upstream: PassthroughUpstream,
  request: PassthroughRequest,
): Promise<IncomingMessage> {
  const url = new URL(upstream.endpoint);
  const headers: Record<string, string> = { ...request.headers, host: url.host };
  if (request.contentLength !== undefined) headers['content-length'] = String(request.contentLength);
  let outgoingHeaders: Record<string, string>;
  if (upstream.auth.kind === 'sigv4') {
    if (!Buffer.isBuffer(request.body)) throw new Error('a SigV4-signed passthrough needs the whole body');
    headers['content-length'] = String(request.body.byteLength);
    outgoingHeaders = await signed(upstream, url, request.path, headers, request.body);
  } else {
    outgoingHeaders = { ...headers, authorization: `Bearer ${upstream.auth.token}` };
  }
  return send(url, request, outgoingHeaders);
}

async function signed(
  upstream: PassthroughUpstream,
  url: URL,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
): Promise<Record<string, string>> {
  const auth = upstream.auth as Extract<PassthroughAuth, { kind: 'sigv4' }>;
  const signer = new SignatureV4({
    service: SIGNING_SERVICE,
    region: upstream.region,
    credentials: auth.credentials,
    sha256: auth.sha256,
    uriEscapePath: true,
  });
  const signedRequest = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path,
      headers,
      body,
    }),
  );
  return signedRequest.headers;
}

function send(
  url: URL,
  request: PassthroughRequest,
  headers: Record<string, string>,
): Promise<IncomingMessage> {
  const secure = url.protocol === 'https:';
  return new Promise((resolve, reject) => {
    if (request.signal.aborted) return reject(abortError(request.signal));
    const outgoing = (secure ? httpsRequest : httpRequest)(
      {
        agent: secure ? agents.https : agents.http,
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port,
        method: 'POST',
        path: request.path,
        headers,
      },
      resolve,
    );
    outgoing.on('error', reject);
    const onAbort = () => outgoing.destroy(abortError(request.signal));
    request.signal.addEventListener('abort', onAbort, { once: true });
    outgoing.once('close', () => request.signal.removeEventListener('abort', onAbort));
    if (Buffer.isBuffer(request.body)) outgoing.end(request.body);
    else request.body.pipe(outgoing);
  });
}

function abortError(signal: AbortSignal): Error {
  const error = new Error('Request aborted', { cause: signal.reason });
  error.name = 'AbortError';
  return error;
}
