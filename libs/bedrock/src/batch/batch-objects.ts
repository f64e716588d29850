// The S3 objects behind /v1/files: written with the deployment's KMS key when one is configured, read back
// for /v1/files/{id}/content and by the worker. Clients are built per use and destroyed after it.
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { s3ClientFor } from './batch-clients';
import { parseS3Uri, type BatchStorage } from './batch-storage';

export async function putBatchObject(storage: BatchStorage, location: string, body: string): Promise<void> {
  const { bucket, key } = parseS3Uri(location);
  const s3 = s3ClientFor(storage);
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: 'application/jsonl',
        ...(storage.kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: storage.kmsKeyId } : {}),
      }),
    );
  } finally {
    s3.destroy();
  }
}

export async function getBatchObject(storage: BatchStorage, location: string): Promise<string> {
  const { bucket, key } = parseS3Uri(location);
  const s3 = s3ClientFor(storage);
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await object.Body?.transformToString('utf8')) ?? '';
  } finally {
    s3.destroy();
  }
}

export async function deleteBatchObject(storage: BatchStorage, location: string): Promise<void> {
  const { bucket, key } = parseS3Uri(location);
  const s3 = s3ClientFor(storage);
  try {
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  } finally {
    s3.destroy();
  }
}
