/** One request's usage and cost, as booked in spend_logs (one row per request, whatever its outcome). */
export interface SpendRecord {
  requestId: string;
  callType:
    'chat' | 'anthropic_messages' | 'embeddings' | 'image_generation' | 'rerank' | 'passthrough' | 'batch';
  keyId?: string;
  teamId?: string;
  userId?: string;
  endUser?: string;
  modelName: string;
  /** The model a key's per-model budget counts this row against (the alias target); else modelName. */
  budgetModel?: string;
  deploymentId?: string;
  bedrockModel?: string;
  promptTokens: number;
  completionTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cost: number;
  latencyMs: number;
  ttftMs?: number;
  status: 'success' | 'error' | 'aborted';
  httpStatus: number;
  errorType?: string;
  /** The Bedrock service tier when not standard (flex, priority, reserved, latency-optimized). */
  serviceTier?: string;
  startTime: Date;
}
