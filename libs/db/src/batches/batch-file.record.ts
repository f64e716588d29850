// A file of /v1/files: an upload (purpose batch), a batch's output or error file (batch_output), or a
// chat input file (user_data, assistants, vision) whose bytes are kept in Postgres (file_contents).
import type { JsonValue } from '../records/json-value';

export interface BatchFileRecord {
  id: string;
  teamId: string | null;
  keyId: string | null;
  userId: string | null;
  purpose: string;
  filename: string;
  bytes: number;
  /** Batch files only: the public model and deployment whose bucket holds the file. */
  modelName: string | null;
  deploymentId: string | null;
  /** Batch files only: where the content is on S3. */
  contentKey: string | null;
  bedrockKey: string | null;
  recordCount: number;
  records: JsonValue;
  /** Chat input files only: the Bedrock document or image format (pdf, csv, …, png, jpeg, …). */
  format: string | null;
  createdAt: Date;
}

export type NewBatchFile = Omit<BatchFileRecord, 'createdAt' | 'records' | 'format'> & {
  records: readonly unknown[];
};

/** A chat input file: no model, deployment or S3 location; its bytes are stored with it. */
export type NewInputFile = Pick<
  BatchFileRecord,
  'id' | 'teamId' | 'keyId' | 'userId' | 'purpose' | 'filename'
> & {
  format: string;
  data: Uint8Array;
};

/** What a chat needs of an input file it names. `data` is null for files without stored bytes (batch files). */
export interface InputFileContent {
  id: string;
  filename: string;
  purpose: string;
  format: string | null;
  data: Uint8Array | null;
}

export interface ListPage {
  /** The id to start after (exclusive), newest first. */
  after?: string;
  limit: number;
}
