// The contract between the emulator's HTTP core (server, router, signing, errors) and the
// services it hosts (runtime, agent runtime, control plane). A service exports a list of routes;
// the core matches them on the raw, still-encoded path and hands over decoded labels.
import type { IncomingHttpHeaders } from 'node:http';

export interface EmulatorRequest {
  method: string;
  /** Raw path as received (still percent-encoded), without the query string. */
  rawPath: string;
  /** Path labels after matching, each decoded once with decodeURIComponent. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The AWS request id this response will carry in x-amzn-requestid. */
  requestId: string;
  /** Fires when the client goes away (used to stop streams). */
  signal: AbortSignal;
  /** The region the request is answered for (the one it was signed for); the emulator's own if unset. */
  region?: string;
}

/** A thin, transport-neutral writer over an HTTP/1.1 or HTTP/2 (compat API) response. */
export interface EmulatorResponse {
  /** JSON reply with status 200 unless given. */
  json(body: unknown, status?: number, headers?: Record<string, string>): void;
  /** Raw body reply (InvokeModel). */
  raw(body: Buffer | string, contentType: string, headers?: Record<string, string>): void;
  /** AWS restJson1 error: status + x-amzn-errortype + {"message"}. */
  error(status: number, errorType: string, message: string, extra?: Record<string, unknown>): void;
  /** Opens an event stream (200, application/vnd.amazon.eventstream) and returns a frame writer. */
  eventStream(headers?: Record<string, string>): EventStreamWriter;
}

export interface EventStreamWriter {
  /** `:message-type=event`, `:event-type=<type>`, JSON payload. */
  event(type: string, payload: unknown): void;
  /** `:message-type=exception`, `:exception-type=<camelCase member>`, JSON payload. */
  exception(type: string, payload: Record<string, unknown>): void;
  end(): void;
  readonly closed: boolean;
}

export interface EmulatorRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Pattern over raw path segments, e.g. '/model/{modelId}/converse'. */
  pattern: string;
  handler: (
    request: EmulatorRequest,
    response: EmulatorResponse,
    context: EmulatorContext,
  ) => Promise<void> | void;
}

/** Shared, per-emulator-instance state and settings handed to every handler. */
export interface EmulatorContext {
  options: EmulatorOptions;
  /** Per-request fault/latency choice, parsed by the core from the model id suffix or x-emulator-fault header. */
  faults: FaultSpec;
  /** Services may stash state here (for example the batch job store), keyed by their own name. */
  state: Map<string, unknown>;
}

export interface FaultSpec {
  /**
   * 'throttle' | 'error500' | 'unavailable' | 'timeout' | 'model-error' | 'slow-first-byte' | 'midstream' |
   * 'context-too-long' | 'content-filtered' | undefined.
   * `throttle:N` is already decided by the core: kind is 'throttle' only while the first N requests last.
   * For 'slow-first-byte', latencyMs holds the delay before the first byte (after headers, for streams).
   */
  kind?: string;
  /** Extra latency in ms before the response (or before the first event). */
  latencyMs?: number;
  /** Stream pacing: tokens per second for streamed output (0 or undefined = as fast as possible). */
  tokensPerSecond?: number;
  /** `stall:MS`: a stream goes silent this long after its first event with output, then goes on. */
  stallMs?: number;
}

export interface EmulatorOptions {
  host: string;
  port: number;
  region: string;
  /**
   * Further regions this endpoint answers for, as if it were each region's endpoint: a request signed for
   * one of them is served in that region (ARNs, agent sessions). Default: none.
   */
  regions?: string[];
  /** access key id → secret; requests signed with anything else are refused. */
  credentials: Record<string, string>;
  /** Accepted Bedrock API-key bearer tokens. */
  bearerTokens: string[];
  /** Web identity tokens (OIDC JWTs in AWS) STS's AssumeRoleWithWebIdentity accepts; others: InvalidIdentityToken. */
  stsWebIdentityTokens: string[];
  /** Roles whose trust policy requires an external id: role ARN → the ExternalId AssumeRole must send. */
  stsRoleExternalIds?: Record<string, string>;
  /** Shortest DurationSeconds STS allows (AWS: 900); tests lower it for credentials that expire quickly. */
  stsMinDurationSeconds: number;
  /** Skip SigV4 verification entirely (benchmarks may choose this). */
  verifySignatures: boolean;
  /** Default added latency for every request, in ms. */
  latencyMs: number;
  /** Default stream pacing in tokens per second (0 = unpaced). */
  tokensPerSecond: number;
  /** S3 endpoint the batch runner reads from and writes to; when undefined the emulator starts s3rver itself. */
  s3Endpoint?: string;
  s3Credentials: { accessKeyId: string; secretAccessKey: string };
  /** Milliseconds between batch job status steps (tests use a few ms). */
  batchStepMs: number;
  /** Minimum records per batch job (AWS default 100). */
  batchMinRecords: number;
  /** Request body cap in bytes (default 25 MB); larger bodies get 413 ValidationException. */
  maxBodyBytes?: number;
}
