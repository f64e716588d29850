// The body of POST /v1/batches, checked strictly: each problem a 400 naming its field.
import { timeoutHoursOf } from '@quarry/bedrock';
import { BATCH_ENDPOINTS, OpenAIError, type BatchEndpoint } from '@quarry/openai';

export interface CreateBatchRequest {
  inputFileId: string;
  endpoint: BatchEndpoint;
  completionWindow: string;
  timeoutHours: number;
  metadata: Record<string, string> | null;
}

const FIELDS = new Set(['input_file_id', 'endpoint', 'completion_window', 'metadata']);

export function parseCreateBatchRequest(body: unknown): CreateBatchRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw OpenAIError.badRequest('The body must be a JSON object');
  const record = body as Record<string, unknown>;
  for (const field of Object.keys(record))
    if (!FIELDS.has(field)) throw OpenAIError.badRequest(`Unknown field ${field}`, field);
  const inputFileId = record.input_file_id;
  if (typeof inputFileId !== 'string' || inputFileId === '')
    throw OpenAIError.badRequest('input_file_id is required', 'input_file_id');
  const endpoint = record.endpoint;
  if (!BATCH_ENDPOINTS.includes(endpoint as BatchEndpoint))
    throw OpenAIError.badRequest(`endpoint must be one of ${BATCH_ENDPOINTS.join(', ')}`, 'endpoint');
  const completionWindow = record.completion_window ?? '24h';
  const timeoutHours = typeof completionWindow === 'string' ? timeoutHoursOf(completionWindow) : undefined;
  if (timeoutHours === undefined)
    throw OpenAIError.badRequest(
      'completion_window must be hours from 24h to 168h (Bedrock runs a job for 24 to 168 hours)',
      'completion_window',
    );
  return {
    inputFileId,
    endpoint: endpoint as BatchEndpoint,
    completionWindow: completionWindow as string,
    timeoutHours,
    metadata: metadataOf(record.metadata),
  };
}

/** OpenAI's metadata: up to 16 string pairs, keys ≤ 64 and values ≤ 512 characters. */
function metadataOf(value: unknown): Record<string, string> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value))
    throw OpenAIError.badRequest('metadata must be an object of strings', 'metadata');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 16) throw OpenAIError.badRequest('metadata takes at most 16 keys', 'metadata');
  for (const [key, item] of entries)
    if (typeof item !== 'string' || key.length > 64 || item.length > 512 || `${key}${item}`.includes('\0'))
      throw OpenAIError.badRequest(
        `metadata.${key} must be a string of at most 512 characters`,
        `metadata.${key}`,
      );
  return Object.fromEntries(entries) as Record<string, string>;
}
