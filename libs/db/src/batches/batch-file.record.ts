// A file of /v1/files: an upload (purpose batch) or a batch's output or error file (batch_output).
import type { JsonValue } from '../records/json-value';

export interface BatchFileRecord {
  id: string;
  teamId: string | null;
  keyId: string | null;
  userId: string | null;
  purpose: string;
  filename: string;
  bytes: number;
  modelName: string;
  deploymentId: string;
  contentKey: string;
  bedrockKey: string | null;
  recordCount: number;
  records: JsonValue;
  createdAt: Date;
}

export type NewBatchFile = Omit<BatchFileRecord, 'createdAt' | 'records'> & { records: readonly unknown[] };

export interface ListPage {
  /** The id to start after (exclusive), newest first. */
  after?: string;
  limit: number;
}
