// Verifies what real Bedrock verifies before dispatch: a SigV4 signature by a known access key (re-signed
// from the raw wire values, bedrock-wire.md §7.2), or a Bedrock API-key bearer token. Temporary keys this
// emulator's STS issued verify too, with their session token, until they expire (ExpiredTokenException).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { EmulatorError } from './emulator-error';
import { NodeSha256 } from './node-sha256';
import type { StsSessions } from '../sts/sts-sessions';

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;
const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface AuthSettings {
  /** The region this endpoint serves: a signature scoped to another region is refused, as AWS does. */
  region: string;
  /** Further regions this one endpoint stands in for (a multi-region emulator); the signature picks one. */
  regions?: string[];
  credentials: Record<string, string>;
  bearerTokens: string[];
  /** Temporary credentials issued by the emulator's STS. */
  sessions?: StsSessions;
}

/** Every Bedrock client (runtime, agent runtime, control plane) signs for the service `bedrock`. */
const BEDROCK_SIGNING_SERVICE = 'bedrock';

export interface SignedRequest {
  method: string;
  rawPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function forbidden(errorType: string, message: string): EmulatorError {
  return new EmulatorError(403, errorType, message);
}

const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export async function authenticate(
  request: SignedRequest,
  settings: AuthSettings,
  now = new Date(),
  signingService = BEDROCK_SIGNING_SERVICE,
): Promise<void> {
  const authorization = headerValue(request.headers, 'authorization');
  if (!authorization) throw forbidden('MissingAuthenticationTokenException', 'Missing Authentication Token');
  if (/^Bearer\s/i.test(authorization)) {
    // Bedrock API keys are Bedrock's alone (STS, for one, takes only SigV4).
    if (signingService !== BEDROCK_SIGNING_SERVICE) throw forbidden('InvalidClientTokenId', INVALID_TOKEN);
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    if (!settings.bearerTokens.some((known) => safeEqual(known, token))) {
      throw forbidden(
        'UnrecognizedClientException',
        'Invalid API Key format: the bearer token is not recognised.',
      );
    }
    return;
  }
  const match = AUTHORIZATION.exec(authorization);
  if (!match) {
    throw forbidden(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.`,
    );
  }
  const [, accessKeyId, , region, service, signedHeaderList, signature] = match;
  const secretAccessKey = secretOf(accessKeyId, request.headers, settings, now);
  // Re-signing with the scope the request names would verify any scope: check it against this endpoint.
  if (service !== signingService) {
    throw forbidden(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${signingService}'. `,
    );
  }
  if (region !== settings.region && !settings.regions?.includes(region)) {
    throw forbidden('InvalidSignatureException', 'Credential should be scoped to a valid region. ');
  }
  const signingDate = parseAmzDate(headerValue(request.headers, 'x-amz-date'));
  if (Math.abs(now.getTime() - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    throw forbidden(
      'InvalidSignatureException',
      `Signature expired: ${headerValue(request.headers, 'x-amz-date')} is now earlier than ${amzDate(new Date(now.getTime() - MAX_CLOCK_SKEW_MS))} (${amzDate(now)} - 5 min.)`,
    );
  }
  // The signer trusts x-amz-content-sha256 instead of hashing the body, so check the body here.
  const contentHash = headerValue(request.headers, 'x-amz-content-sha256');
  if (
    contentHash &&
    contentHash !== 'UNSIGNED-PAYLOAD' &&
    contentHash !== createHash('sha256').update(request.body).digest('hex')
  ) {
    throw forbidden('InvalidSignatureException', SIGNATURE_MISMATCH);
  }
  const signedHeaders = signedHeaderList.split(';');
  const signer = new SignatureV4({
    service,
    region,
    sha256: NodeSha256,
    credentials: {
      accessKeyId,
      secretAccessKey,
      sessionToken: headerValue(request.headers, 'x-amz-security-token'),
    },
    uriEscapePath: true,
    applyChecksum: false,
  });
  for (const headers of hostVariants(request.headers, signedHeaders)) {
    const signed = await signer.sign(
      {
        method: request.method,
        protocol: 'http:',
        hostname: 'emulator',
        path: request.rawPath,
        query: queryRecord(request.query),
        headers,
        body: request.body,
      },
      {
        signingDate,
        signingRegion: region,
        signingService: service,
        signableHeaders: new Set(signedHeaders),
      },
    );
    const again = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1];
    if (again !== undefined && safeEqual(again, signature)) {
      if (signingService === BEDROCK_SIGNING_SERVICE) settings.sessions?.noteSigned(accessKeyId);
      return;
    }
  }
  throw forbidden('InvalidSignatureException', SIGNATURE_MISMATCH);
}

const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** A long-term key's secret, or a live STS session's when the request carries that session's token. */
function secretOf(
  accessKeyId: string,
  headers: IncomingHttpHeaders,
  settings: AuthSettings,
  now: Date,
): string {
  const longTerm = Object.hasOwn(settings.credentials, accessKeyId)
    ? settings.credentials[accessKeyId]
    : undefined;
  if (longTerm !== undefined) return longTerm;
  const session = settings.sessions?.find(accessKeyId);
  const token = headerValue(headers, 'x-amz-security-token');
  if (!session || token === undefined || !safeEqual(session.sessionToken, token))
    throw forbidden('UnrecognizedClientException', INVALID_TOKEN);
  if (session.expiration.getTime() <= now.getTime())
    throw forbidden('ExpiredTokenException', 'The security token included in the request is expired');
  return session.secretAccessKey;
}

/**
 * The signed headers as received, plus alternatives with the host's port added or removed: some
 * signers (and proxies) sign `host` without the port the client connects to.
 */
function hostVariants(incoming: IncomingHttpHeaders, signedHeaders: string[]): Array<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = headerValue(incoming, name) ?? '';
  const hostHeader = signedHeaders.includes('host')
    ? 'host'
    : signedHeaders.includes(':authority')
      ? ':authority'
      : undefined;
  if (!hostHeader) return [headers];
  const host = headers[hostHeader];
  const withoutPort = host.replace(/:\d+$/, '');
  const variants = [headers];
  if (withoutPort !== host) variants.push({ ...headers, [hostHeader]: withoutPort });
  const authority = headerValue(incoming, ':authority') ?? headerValue(incoming, 'host');
  if (authority && authority !== host) variants.push({ ...headers, [hostHeader]: authority });
  return variants;
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    record[key] = values.length === 1 ? values[0] : values;
  }
  return record;
}

function parseAmzDate(value: string | undefined): Date {
  const match = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!match)
    throw forbidden(
      'IncompleteSignatureException',
      'The request must contain a valid x-amz-date header (yyyyMMddTHHmmssZ).',
    );
  const [, year, month, day, hour, minute, second] = match.map(Number);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function safeEqual(left: string, right: string): boolean {
  const a = Buffer.from(left);
  const b = Buffer.from(right);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The region a SigV4 request was signed for (undefined for bearer tokens and unsigned requests). */
export function signedRegionOf(headers: IncomingHttpHeaders): string | undefined {
  const authorization = headerValue(headers, 'authorization');
  return authorization ? AUTHORIZATION.exec(authorization)?.[3] : undefined;
}
