// Fetches a client-supplied URL (image_url) without letting the client reach anything but the public
// internet (DESIGN §7, LiteLLM CVE-2024-6587): https only; the host is resolved once and every address
// must be public; the connection goes to exactly that vetted address (no second DNS lookup a rebinding
// attacker could answer differently); each redirect is checked again; size and time are capped.
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { OpenAIError } from '@quarry/openai';
import { blockedAddressReason } from './ip-ranges';

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_REDIRECTS = 3;

export interface ResolvedAddress {
  address: string;
  family: number;
}

export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

export interface TransportRequest {
  url: URL;
  /** The vetted address to connect to; the URL's host is still used for TLS (SNI, certificate) and Host. */
  address: string;
  family: number;
  signal: AbortSignal;
  rejectUnauthorized: boolean;
}

export interface TransportResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: AsyncIterable<Uint8Array>;
  /** Stops reading and frees the connection (redirects, errors, oversized bodies). */
  discard(): void;
}

/** Injectable for tests; the default speaks https through node:https pinned to the vetted address. */
export type HttpsTransport = (request: TransportRequest) => Promise<TransportResponse>;

export interface FetchPublicUrlOptions {
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  lookup?: ResolveHost;
  transport?: HttpsTransport;
  /** Only tests against a self-signed local server turn certificate checks off. */
  rejectUnauthorized?: boolean;
  /** The field named in errors. */
  param?: string;
}

export interface FetchedUrl {
  bytes: Uint8Array;
  contentType: string;
  /** After redirects. */
  url: string;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export async function fetchPublicUrl(url: string, options: FetchPublicUrlOptions = {}): Promise<FetchedUrl> {
  const param = options.param ?? 'image_url.url';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const resolveHost = options.lookup ?? defaultResolveHost;
  const transport = options.transport ?? nodeHttpsTransport;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let target = parseTarget(url, param);
    for (let redirects = 0; ; redirects++) {
      const { address, family } = await withAbort(vetHost(target, resolveHost, param), controller.signal);
      const response = await withAbort(
        transport({
          url: target,
          address,
          family,
          signal: controller.signal,
          rejectUnauthorized: options.rejectUnauthorized ?? true,
        }),
        controller.signal,
      );
      if (REDIRECT_STATUSES.has(response.status)) {
        response.discard();
        const location = headerValue(response.headers, 'location');
        if (!location) throw fail(param, `redirect (HTTP ${response.status}) without a Location header`);
        if (redirects >= maxRedirects) throw fail(param, `more than ${maxRedirects} redirects`);
        target = parseTarget(new URL(location, target).toString(), param);
        continue;
      }
      if (response.status < 200 || response.status >= 300) {
        response.discard();
        throw fail(param, `the server answered HTTP ${response.status}`);
      }
      const bytes = await readCapped(response, maxBytes, param);
      return {
        bytes,
        contentType: headerValue(response.headers, 'content-type') ?? '',
        url: target.toString(),
      };
    }
  } catch (error) {
    if (error instanceof OpenAIError) throw error;
    if (controller.signal.aborted) throw fail(param, `no complete answer within ${timeoutMs} ms`);
    throw fail(param, error instanceof Error ? error.message : String(error));
  } finally {
    clearTimeout(timer);
  }
}

function fail(param: string, reason: string): OpenAIError {
  return OpenAIError.badRequest(`${param} could not be fetched: ${reason}`, param);
}

function parseTarget(url: string, param: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail(param, 'not a valid URL');
  }
  if (parsed.protocol !== 'https:') throw fail(param, `only https URLs are fetched, not ${parsed.protocol}`);
  if (parsed.username || parsed.password) throw fail(param, 'URLs with credentials are not fetched');
  return parsed;
}

/** URL hosts keep IPv6 literals in brackets. */
function hostOf(url: URL): string {
  const hostname = url.hostname;
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

async function vetHost(url: URL, resolveHost: ResolveHost, param: string): Promise<ResolvedAddress> {
  const host = hostOf(url);
  const literalFamily = isIP(host);
  const addresses = literalFamily ? [{ address: host, family: literalFamily }] : await resolveHost(host);
  if (addresses.length === 0) throw fail(param, `${host} does not resolve`);
  // Every answer must be public: otherwise a host with one public and one private record could be
  // steered to the private one by whichever address the connection happened to pick.
  for (const { address } of addresses) {
    const reason = blockedAddressReason(address);
    if (reason) throw fail(param, `${host} resolves to a non-public address (${reason})`);
  }
  return addresses[0];
}

async function defaultResolveHost(hostname: string): Promise<ResolvedAddress[]> {
  return dnsLookup(hostname, { all: true, verbatim: true });
}

function headerValue(headers: TransportResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readCapped(response: TransportResponse, maxBytes: number, param: string): Promise<Uint8Array> {
  const declared = Number(headerValue(response.headers, 'content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.discard();
    throw fail(param, `larger than ${maxBytes} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      response.discard();
      throw fail(param, `larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function withAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** A `lookup` for net/tls that always answers the vetted address, whatever name it is asked about. */
export function pinnedLookup(address: string, family: number): LookupFunction {
  return (_hostname, options, callback) => {
    if (options?.all) {
      (callback as unknown as (error: null, addresses: ResolvedAddress[]) => void)(null, [
        { address, family },
      ]);
    } else {
      callback(null, address, family);
    }
  };
}

export const nodeHttpsTransport: HttpsTransport = (request) =>
  new Promise<TransportResponse>((resolve, reject) => {
    const url = request.url;
    const host = hostOf(url);
    const outgoing = httpsRequest(
      {
        host,
        port: url.port || 443,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: { accept: 'image/*, application/octet-stream;q=0.5', 'user-agent': 'quarry-gateway' },
        servername: isIP(host) ? undefined : host,
        lookup: pinnedLookup(request.address, request.family),
        signal: request.signal,
        rejectUnauthorized: request.rejectUnauthorized,
        // No pooled sockets: a pooled connection could lead to an address vetted for another request.
        agent: false,
      },
      (incoming) =>
        resolve({
          status: incoming.statusCode ?? 0,
          headers: incoming.headers,
          body: incoming,
          discard: () => incoming.destroy(),
        }),
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
