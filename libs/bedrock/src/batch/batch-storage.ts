// Where a batch deployment keeps its files and how its jobs run, from LiteLLM's litellm_params:
// s3_bucket_name (may be `bucket/prefix`), s3_output_bucket_name, s3_region_name, s3_access_key_id /
// s3_secret_access_key (else the deployment's credentials: keys, profile, role…, else the default chain),
// aws_batch_role_arn (or AWS_BATCH_ROLE_ARN), s3_encryption_key_id (or AWS_S3_ENCRYPTION_KEY_ID) and
// aws_s3_endpoint. Values arrive with `os.environ/` references already resolved; `env` is only for the
// two documented fallbacks.

import type { AwsClientConfig } from '../clients/aws-client-config';

export interface S3Place {
  bucket: string;
  /** A key prefix without leading or trailing slashes ('' for the bucket's root). */
  prefix: string;
}

export interface BatchStorage {
  input: S3Place;
  output: S3Place;
  region: string;
  /** An S3-compatible endpoint (s3rver in dev); path-style addressing then. */
  endpoint?: string;
  /** s3_access_key_id / s3_secret_access_key, else the deployment's own credentials (keys or a provider). */
  credentials?: AwsClientConfig['credentials'];
  roleArn?: string;
  kmsKeyId?: string;
}

export interface BatchStorageDefaults {
  region: string;
  /** QUARRY_S3_ENDPOINT: every deployment's S3 (the emulator's s3rver in dev and tests). */
  endpoint?: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The deployment's credentials (a profile's, a role's…), used when no S3 keys are given. */
  credentials?: AwsClientConfig['credentials'];
}

/** @throws Error naming the setting when the deployment cannot run batches (no bucket). */
export function batchStorageOf(
  params: Readonly<Record<string, unknown>>,
  defaults: BatchStorageDefaults,
): BatchStorage {
  const text = (name: string): string | undefined => {
    const value = params[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const bucketSetting = text('s3_bucket_name');
  if (!bucketSetting) throw new Error('litellm_params.s3_bucket_name is required for a batch model');
  const input = s3PlaceOf(bucketSetting);
  const outputSetting = text('s3_output_bucket_name');
  const accessKeyId = text('s3_access_key_id');
  const secretAccessKey = text('s3_secret_access_key');
  const storage: BatchStorage = {
    input,
    output: outputSetting ? s3PlaceOf(outputSetting) : input,
    region: text('s3_region_name') ?? text('aws_region_name') ?? defaults.region,
  };
  const endpoint = text('aws_s3_endpoint') ?? defaults.endpoint;
  if (endpoint) storage.endpoint = endpoint;
  if (accessKeyId && secretAccessKey) storage.credentials = { accessKeyId, secretAccessKey };
  else if (defaults.credentials) storage.credentials = defaults.credentials;
  const roleArn = text('aws_batch_role_arn') ?? defaults.env.AWS_BATCH_ROLE_ARN;
  if (roleArn) storage.roleArn = roleArn;
  const kmsKeyId = text('s3_encryption_key_id') ?? defaults.env.AWS_S3_ENCRYPTION_KEY_ID;
  if (kmsKeyId) storage.kmsKeyId = kmsKeyId;
  return storage;
}

/** `bucket` or `bucket/some/prefix` (an `s3://` in front is tolerated). */
export function s3PlaceOf(setting: string): S3Place {
  const trimmed = setting.replace(/^s3:\/\//, '').replace(/^\/+|\/+$/g, '');
  const slash = trimmed.indexOf('/');
  if (slash < 0) return { bucket: trimmed, prefix: '' };
  return { bucket: trimmed.slice(0, slash), prefix: trimmed.slice(slash + 1).replace(/\/+$/, '') };
}

/** The key for `path` under a place's prefix. */
export function keyIn(place: S3Place, path: string): string {
  return place.prefix === '' ? path : `${place.prefix}/${path}`;
}

export function s3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** `s3://bucket/key` → its parts (locations the gateway wrote itself, never a client's). */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) throw new Error(`not an S3 object URI: ${uri}`);
  return { bucket: match[1], key: match[2] };
}
