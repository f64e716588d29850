// A spend row as LiteLLM's /spend/logs shows one (LiteLLM_SpendLogs field names). `api_key` is the key
// id (Quarry never shows key hashes); `user` the key's user and `end_user` the OpenAI `user` field.
import type { SpendLogEntry } from '@quarry/db';

export function spendLogResponse(entry: SpendLogEntry) {
  const start = entry.startTime.getTime();
  return {
    request_id: entry.requestId,
    call_type: entry.callType,
    api_key: entry.keyId,
    team_id: entry.teamId,
    user: entry.userId,
    end_user: entry.endUser,
    model: entry.modelName,
    model_group: entry.modelName,
    model_id: entry.deploymentId,
    bedrock_model: entry.bedrockModel,
    custom_llm_provider: 'bedrock',
    spend: entry.cost,
    prompt_tokens: entry.promptTokens,
    completion_tokens: entry.completionTokens,
    total_tokens: entry.totalTokens,
    cache_read_input_tokens: entry.cacheReadTokens,
    cache_creation_input_tokens: entry.cacheWriteTokens,
    status: entry.status,
    http_status: entry.httpStatus,
    error_type: entry.errorType,
    service_tier: entry.serviceTier,
    startTime: entry.startTime.toISOString(),
    endTime: new Date(start + entry.latencyMs).toISOString(),
    completionStartTime: entry.ttftMs === null ? null : new Date(start + entry.ttftMs).toISOString(),
    request_duration_ms: entry.latencyMs,
  };
}
