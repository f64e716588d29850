// SDK clients built once per (service, region, endpoint, identity, settings) and reused, so that
// connections are reused too (DESIGN §6: HTTP/2 sessions are not reused by the SDK default).
//
// Transport: HTTP/1.1 with a keep-alive agent for every client. The SDK's HTTP/2 handler, even with
// `disableConcurrentStreams: false`, opens an isolated session — a new TCP (and TLS) connection —
// for every event-stream operation (@smithy/node-http-handler 4.14: `useIsolatedSession =
// disableConcurrentStreams || isEventStream`), so ConverseStream, the gateway's hot path, would never
// reuse a connection over HTTP/2. Keep-alive HTTP/1.1 reuses sockets for streams and non-streams
// alike (bedrock-wire.md §0.2: 20 calls, 1 connection) and works against the emulator and AWS.
//
// The bedrock-runtime client (Converse, ConverseStream: every chat request) is tuned for CPU, still
// through the SDK's own serializers, endpoint resolution, signing and deserializers: a lean transport
// (keep-alive-http-handler.ts), the SDK's middleware cache, one signer per client (reused-signer.ts), a
// trimmed middleware stack (lean-runtime-stack.ts), serde middlewares that share the client configuration
// instead of copying it per call (lean-serde-middleware.ts), and for streams event-stream support built
// once (runtime-protocol.ts) with leaner plumbing around the SDK's codec (lean-event-stream-marshaller.ts).
// Measured with `node bench/sdk-call-cost.mjs`: bench/README.md §5 and §6. Its calls pass no `send()`
// options, which would bypass the middleware cache; the abort signal goes with `withCallSignal`
// (call-signal.ts).
//
// Auth: with SigV4 credentials, `authSchemePreference: ['sigv4']` keeps the environment variable
// AWS_BEARER_TOKEN_BEDROCK from silently switching the client to bearer auth (bedrock-wire.md §0.3).
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { clientCacheKey, type AwsClientConfig, type AwsService } from './aws-client-config';
import { callSignalPlugin } from './call-signal';
import { AwsCredentialProviders } from './credential-providers';
import { invocationMetricsPlugin } from './invocation-metrics';
import { extraHeadersPlugin } from './extra-headers';
import { KeepAliveHttpHandler } from './keep-alive-http-handler';
import { trimRuntimeStack } from './lean-runtime-stack';
import { leanEventStreamSerdeProvider } from './lean-event-stream-marshaller';
import { leanSerdePlugin } from './lean-serde-middleware';
import { reusedSigner } from './reused-signer';
import { RuntimeRestJsonProtocol } from './runtime-protocol';

const DEFAULT_MAX_SOCKETS = 1024;
/** Connecting should be quick; a dead endpoint must fail fast so retries and fallbacks can act. */
const CONNECT_TIMEOUT_MS = 10_000;

interface DestroyableClient {
  destroy(): void;
}

export class BedrockClientCache {
  private readonly clients = new Map<string, DestroyableClient>();
  /** Credential providers shared by every client of one credential configuration (profiles, roles…). */
  readonly credentialProviders = new AwsCredentialProviders();

  /** bedrock-runtime: Converse, ConverseStream, InvokeModel, … */
  runtime(config: AwsClientConfig): BedrockRuntimeClient {
    return this.cached('bedrock-runtime', config, () => {
      const handler = new KeepAliveHttpHandler({
        maxSockets: config.maxSockets ?? DEFAULT_MAX_SOCKETS,
        connectionTimeoutMs: connectTimeoutMs(config),
        idleTimeoutMs: config.requestTimeoutMs,
      });
      const signer = reusedSigner(() => client.config);
      const client: BedrockRuntimeClient = new BedrockRuntimeClient({
        ...this.settings(config, true, handler),
        cacheMiddleware: true,
        protocol: RuntimeRestJsonProtocol,
        eventStreamSerdeProvider: leanEventStreamSerdeProvider,
        // settings() signs with SigV4 whenever credentials are given, bearer token or not.
        ...(config.credentials || !config.bearerToken ? { signer } : {}),
      });
      trimRuntimeStack(client.middlewareStack, { singleAttempt: config.maxAttempts === 1 });
      client.middlewareStack.use(leanSerdePlugin(client.config));
      client.middlewareStack.use(callSignalPlugin());
      client.middlewareStack.use(invocationMetricsPlugin());
      if (config.extraHeaders && Object.keys(config.extraHeaders).length > 0) {
        const signed = config.credentials !== undefined || config.bearerToken !== undefined;
        client.middlewareStack.use(extraHeadersPlugin(config.extraHeaders, signed));
      }
      return client;
    });
  }

  /** bedrock-agent-runtime: InvokeAgent, Retrieve, RetrieveAndGenerate, Rerank. */
  agentRuntime(config: AwsClientConfig): BedrockAgentRuntimeClient {
    return this.cached(
      'bedrock-agent-runtime',
      config,
      () => new BedrockAgentRuntimeClient(this.settings(config, false)),
    );
  }

  /** The Bedrock control plane: batch jobs, foundation models. */
  controlPlane(config: AwsClientConfig): BedrockClient {
    return this.cached('bedrock', config, () => new BedrockClient(this.settings(config, true)));
  }

  /**
   * S3 for batch files. With an endpoint (s3rver, MinIO…): path-style addressing, and checksums only
   * when required, because local S3s store aws-chunked framing verbatim (bedrock-wire.md §9).
   */
  s3(config: AwsClientConfig): S3Client {
    return this.cached('s3', config, () => {
      const settings = this.settings(config, false);
      if (!config.endpoint) return new S3Client(settings);
      return new S3Client({
        ...settings,
        forcePathStyle: true,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
    });
  }

  /** Number of distinct clients built so far. */
  get size(): number {
    return this.clients.size;
  }

  /** Destroys every client (closing its sockets); later calls build new ones. */
  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private cached<T extends DestroyableClient>(
    service: AwsService,
    config: AwsClientConfig,
    build: () => T,
  ): T {
    const key = clientCacheKey(service, config);
    let client = this.clients.get(key) as T | undefined;
    if (!client) {
      client = build();
      this.clients.set(key, client);
    }
    return client;
  }

  private settings(
    config: AwsClientConfig,
    acceptsBearer: boolean,
    requestHandler: NodeHttpHandler | KeepAliveHttpHandler = nodeHttpHandler(config),
  ) {
    if (!config.region) throw new Error('AWS region is required for a Bedrock deployment');
    const base = {
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.maxAttempts !== undefined ? { maxAttempts: config.maxAttempts } : {}),
      requestHandler,
    };
    if (config.credentials) {
      const credentials =
        typeof config.credentials === 'function' ? config.credentials : { ...config.credentials };
      return { ...base, credentials, authSchemePreference: ['sigv4'] };
    }
    if (config.bearerToken) {
      if (!acceptsBearer) {
        throw new Error(
          'Bedrock API keys (bearer tokens) only work for bedrock-runtime and the control plane; configure AWS credentials',
        );
      }
      return { ...base, token: { token: config.bearerToken }, authSchemePreference: ['httpBearerAuth'] };
    }
    return base;
  }
}

function connectTimeoutMs(config: AwsClientConfig): number {
  return Math.min(CONNECT_TIMEOUT_MS, config.requestTimeoutMs ?? CONNECT_TIMEOUT_MS);
}

/** The SDK's handler, over keep-alive agents, for the clients off the hot path (S3 needs its features). */
function nodeHttpHandler(config: AwsClientConfig): NodeHttpHandler {
  const agentOptions = { keepAlive: true, maxSockets: config.maxSockets ?? DEFAULT_MAX_SOCKETS };
  return new NodeHttpHandler({
    httpAgent: new HttpAgent(agentOptions),
    httpsAgent: new HttpsAgent(agentOptions),
    connectionTimeout: connectTimeoutMs(config),
    ...(config.requestTimeoutMs !== undefined
      ? {
          requestTimeout: config.requestTimeoutMs,
          throwOnRequestTimeout: true,
          socketTimeout: config.requestTimeoutMs,
        }
      : {}),
  });
}
