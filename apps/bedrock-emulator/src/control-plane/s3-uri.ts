// s3:// URIs as Bedrock accepts them for batch input and output locations.
import { validationError } from '../service-support/service-error';

export interface S3Location {
  bucket: string;
  /** Key or key prefix, without a leading slash; may be empty (the whole bucket). */
  key: string;
}

/** Bedrock's pattern for batch s3Uri members. */
const S3_URI = /^s3:\/\/([a-z0-9][.\-a-z0-9]{1,61}[a-z0-9])(\/.*)?$/;

export function parseS3Uri(uri: string, field: string): S3Location {
  const match = S3_URI.exec(uri);
  if (!match) {
    throw validationError(
      field,
      'Member must satisfy regular expression pattern: s3://[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9](/.*)?',
      uri,
    );
  }
  return { bucket: match[1], key: (match[2] ?? '').replace(/^\/+/, '') };
}

/** The folder an output location names: its key with exactly one trailing slash (or '' for the bucket root). */
export function folderPrefix(key: string): string {
  if (key === '') return '';
  return key.endsWith('/') ? key : `${key}/`;
}

/** Where Bedrock writes a job's files: `{output prefix}/{jobId}/{fileName}`. */
export function outputKey(outputPrefix: string, jobId: string, fileName: string): string {
  return `${folderPrefix(outputPrefix)}${jobId}/${fileName}`;
}
