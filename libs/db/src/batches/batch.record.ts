// A batch of /v1/batches and the Bedrock job behind it.
import type { JsonValue } from '../records/json-value';

export interface BatchRecord {
  id: string;
  teamId: string | null;
  keyId: string | null;
  userId: string | null;
  inputFileId: string;
  endpoint: string;
  completionWindow: string;
  metadata: JsonValue | null;
  modelName: string;
  deploymentId: string;
  jobArn: string | null;
  outputUri: string;
  status: string;
  bedrockStatus: string | null;
  requestCounts: JsonValue;
  errors: JsonValue | null;
  price: JsonValue | null;
  outputFileId: string | null;
  errorFileId: string | null;
  cost: number;
  collectedAt: Date | null;
  createdAt: Date;
  inProgressAt: Date | null;
  finalizingAt: Date | null;
  completedAt: Date | null;
  failedAt: Date | null;
  expiredAt: Date | null;
  cancellingAt: Date | null;
  cancelledAt: Date | null;
  expiresAt: Date;
}

export type NewBatch = Pick<
  BatchRecord,
  | 'id'
  | 'teamId'
  | 'keyId'
  | 'userId'
  | 'inputFileId'
  | 'endpoint'
  | 'completionWindow'
  | 'modelName'
  | 'deploymentId'
  | 'outputUri'
  | 'status'
  | 'expiresAt'
> & { metadata: Readonly<Record<string, string>> | null; price: unknown };

/** What a poll learnt about the job: status, counts, errors and the timestamps it reached. */
export interface BatchProgress {
  jobArn?: string;
  status?: string;
  bedrockStatus?: string;
  requestCounts?: { total: number; completed: number; failed: number };
  errors?: unknown;
  inProgressAt?: Date;
  finalizingAt?: Date;
  completedAt?: Date;
  failedAt?: Date;
  expiredAt?: Date;
  cancellingAt?: Date;
  cancelledAt?: Date;
}
