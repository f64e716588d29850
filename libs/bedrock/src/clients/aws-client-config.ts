// How to reach one AWS account/region for one deployment, and the cache key that identifies a
// client built from it. The key holds a hash of the credentials, never the secret itself, so it
// can appear in logs and heap dumps without leaking anything.
import { createHash } from 'node:crypto';
import type { SharedCredentialProvider } from './credential-providers';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsClientConfig {
  region: string;
  /** Overrides the AWS endpoint (the emulator, VPC endpoints, a local S3). */
  endpoint?: string;
  /**
   * SigV4 credentials: static keys, or a provider shared by every client of one credential configuration
   * (a profile, an STS role, web identity, the default chain: credential-providers.ts). Without them and
   * without a bearer token, the SDK's own default chain applies.
   */
  credentials?: AwsCredentials | SharedCredentialProvider;
  /** A Bedrock API key (runtime and control plane only). */
  bearerToken?: string;
  /** SDK attempts per call; the gateway passes 1 because it retries (and falls back) itself. */
  maxAttempts?: number;
  /** Time allowed until response headers arrive, and the longest a socket may sit idle. */
  requestTimeoutMs?: number;
  /** Concurrent connections per client; every open stream holds one. Default 1024. */
  maxSockets?: number;
  /** bedrock-runtime only: headers sent with every call (a deployment's `extra_headers`, see extra-headers.ts). */
  extraHeaders?: Record<string, string>;
}

export type AwsService = 'bedrock-runtime' | 'bedrock-agent-runtime' | 'bedrock' | 's3';

export function clientCacheKey(service: AwsService, config: AwsClientConfig): string {
  return JSON.stringify([
    service,
    config.region,
    config.endpoint ?? '',
    identityOf(config),
    config.maxAttempts ?? null,
    config.requestTimeoutMs ?? null,
    config.maxSockets ?? null,
    // Hashed like the credentials: a proxy header may carry a secret.
    config.extraHeaders ? hashOf(JSON.stringify(Object.entries(config.extraHeaders).sort())) : null,
  ]);
}

/** Who the client acts as: a short hash of the credentials or token, or the SDK's default chain. */
function identityOf(config: AwsClientConfig): string {
  const hash = createHash('sha256');
  if (typeof config.credentials === 'function') {
    // Already a hash of the configuration, secrets included.
    return `provider:${config.credentials.identity}`;
  }
  if (config.credentials) {
    const { accessKeyId, secretAccessKey, sessionToken } = config.credentials;
    hash.update(`sigv4\0${accessKeyId}\0${secretAccessKey}\0${sessionToken ?? ''}`);
  } else if (config.bearerToken) {
    hash.update(`bearer\0${config.bearerToken}`);
  } else {
    return 'default-chain';
  }
  return hash.digest('hex').slice(0, 32);
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
