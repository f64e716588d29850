// Reads a job's JSONL input from S3: one file, or every .jsonl under a folder prefix.
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

import { folderPrefix, type S3Location } from './s3-uri';

export interface InputFile {
  /** File name used for the `.out` file: the key relative to the input folder. */
  name: string;
  /** Non-empty lines, in order; each is one record. */
  lines: string[];
}

/** A reason the input cannot be used; becomes the job's Failed message. */
export class BatchInputError extends Error {}

export async function readBatchInput(
  s3: S3Client,
  location: S3Location,
  signal: AbortSignal,
): Promise<InputFile[]> {
  const keys = await inputKeys(s3, location, signal);
  const files: InputFile[] = [];
  for (const { key, name } of keys) {
    const object = await s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: key }), {
      abortSignal: signal,
    });
    const text = (await object.Body?.transformToString('utf8')) ?? '';
    files.push({ name, lines: text.split(/\r?\n/).filter((line) => line.trim().length > 0) });
  }
  return files;
}

async function inputKeys(
  s3: S3Client,
  location: S3Location,
  signal: AbortSignal,
): Promise<Array<{ key: string; name: string }>> {
  const { bucket, key } = location;
  const listed = await listKeys(s3, bucket, key, signal);
  if (key !== '' && !key.endsWith('/') && listed.includes(key)) {
    return [{ key, name: key.slice(key.lastIndexOf('/') + 1) }];
  }
  const prefix = folderPrefix(key);
  const keys = listed
    .filter((candidate) => candidate.startsWith(prefix) && candidate.endsWith('.jsonl'))
    .sort();
  if (keys.length === 0)
    throw new BatchInputError(`No .jsonl input files were found at s3://${bucket}/${key}.`);
  return keys.map((candidate) => ({ key: candidate, name: candidate.slice(prefix.length) }));
}

async function listKeys(
  s3: S3Client,
  bucket: string,
  prefix: string,
  signal: AbortSignal,
): Promise<string[]> {
  const keys: string[] = [];
  let continuationToken: string | undefined;
  do {
    let page;
    try {
      page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: continuationToken }),
        { abortSignal: signal },
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchBucket') {
        throw new BatchInputError(`The input bucket ${bucket} does not exist.`);
      }
      throw error;
    }
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (continuationToken);
  return keys;
}
