// OpenAI's file object for a stored file. Ids are opaque; nothing about S3 is shown.
import type { BatchFileRecord } from '@quarry/db';
import { OpenAIError } from '@quarry/openai';

export function fileObject(file: BatchFileRecord) {
  return {
    id: file.id,
    object: 'file' as const,
    bytes: file.bytes,
    created_at: Math.floor(file.createdAt.getTime() / 1000),
    filename: file.filename,
    purpose: file.purpose,
    status: 'processed' as const,
    status_details: null,
    expires_at: null,
  };
}

/** OpenAI's list envelope with cursor fields. */
export function listOf<T extends { id: string }>(data: T[], hasMore: boolean) {
  return {
    object: 'list' as const,
    data,
    first_id: data[0]?.id ?? null,
    last_id: data[data.length - 1]?.id ?? null,
    has_more: hasMore,
  };
}

/** `limit` of a list query: 1 to 100 (OpenAI's range for batches), 20 by default. */
export function listLimitOf(value: unknown, max = 100): number {
  if (value === undefined) return 20;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > max)
    throw OpenAIError.badRequest(`limit must be an integer from 1 to ${max}`, 'limit');
  return limit;
}
