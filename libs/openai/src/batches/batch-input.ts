// OpenAI's batch input format: one JSON request per line,
//   {"custom_id": "…", "method": "POST", "url": "/v1/chat/completions" | "/v1/embeddings", "body": {…}}
import type { ChatCompletionRequest } from '../chat/chat-request';
import type { EmbeddingsRequest } from '../embeddings/embeddings-request';

export const BATCH_ENDPOINTS = ['/v1/chat/completions', '/v1/embeddings'] as const;
export type BatchEndpoint = (typeof BATCH_ENDPOINTS)[number];

export type BatchInputLine =
  | { line: number; customId: string; url: '/v1/chat/completions'; body: ChatCompletionRequest }
  | { line: number; customId: string; url: '/v1/embeddings'; body: EmbeddingsRequest };

export interface BatchInputLimits {
  /** Bedrock takes at most 50,000 records per job. */
  maxLines: number;
  maxLineBytes: number;
  /**
   * The caller's nesting cap (the same one its JSON bodies have): a line nested thousands of levels deep
   * parses, but overflows every recursive walk after it (translation, serialisation).
   */
  nestsTooDeep?: (line: string) => boolean;
}

export const DEFAULT_BATCH_INPUT_LIMITS: BatchInputLimits = { maxLines: 50_000, maxLineBytes: 1_000_000 };
