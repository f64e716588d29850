// The S3 and Bedrock control-plane clients of a batch deployment. Built per use (batch calls are rare and
// not on the hot path); callers destroy them when done.
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { S3Client } from '@aws-sdk/client-s3';
import type { AwsClientConfig } from '../clients/aws-client-config';
import type { BatchStorage } from './batch-storage';

export function s3ClientFor(storage: BatchStorage): S3Client {
  return new S3Client({
    region: storage.region,
    ...(storage.endpoint ? { endpoint: storage.endpoint, forcePathStyle: true } : {}),
    ...(storage.credentials ? { credentials: storage.credentials } : {}),
    // S3-compatible stores (s3rver) keep aws-chunked framing verbatim: checksums only when S3 requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** The control plane (bedrock.{region}.amazonaws.com) with the deployment's region, endpoint and credentials. */
export function controlPlaneClientFor(config: AwsClientConfig): BedrockClient {
  return new BedrockClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    // With credentials, SigV4 even when AWS_BEARER_TOKEN_BEDROCK is set (bedrock-client-cache.ts).
    ...(config.credentials ? { credentials: config.credentials, authSchemePreference: ['sigv4'] } : {}),
    maxAttempts: 3,
  });
}
