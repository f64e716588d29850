// OpenAI's batch object for a stored batch: status, request counts, errors, every timestamp (Unix
// seconds, null until reached), and the output and error files once the worker stored them.
import type { BatchRecord } from '@quarry/db';

const seconds = (date: Date | null) => (date ? Math.floor(date.getTime() / 1000) : null);

export function batchObject(batch: BatchRecord) {
  return {
    id: batch.id,
    object: 'batch' as const,
    endpoint: batch.endpoint,
    model: batch.modelName,
    errors: batch.errors ?? null,
    input_file_id: batch.inputFileId,
    completion_window: batch.completionWindow,
    status: batch.status,
    output_file_id: batch.outputFileId,
    error_file_id: batch.errorFileId,
    created_at: seconds(batch.createdAt),
    in_progress_at: seconds(batch.inProgressAt),
    expires_at: seconds(batch.expiresAt),
    finalizing_at: seconds(batch.finalizingAt),
    completed_at: seconds(batch.completedAt),
    failed_at: seconds(batch.failedAt),
    expired_at: seconds(batch.expiredAt),
    cancelling_at: seconds(batch.cancellingAt),
    cancelled_at: seconds(batch.cancelledAt),
    request_counts: batch.requestCounts,
    metadata: batch.metadata ?? null,
  };
}
