// A Converse input → the Amazon Nova InvokeModel body (schemaVersion messages-v1) of a batch record:
// Converse's shape with Nova's inference names (max_new_tokens, top_p) and blobs in base64.
import type { ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { OpenAIError } from '@quarry/openai';
import { converseInputJson } from './converse-json';

const CARRIED = new Set([
  'modelId',
  'messages',
  'system',
  'inferenceConfig',
  'toolConfig',
  'additionalModelRequestFields',
]);

export function toNovaBody(input: ConverseCommandInput): Record<string, unknown> {
  for (const [key, value] of Object.entries(input))
    if (value !== undefined && !CARRIED.has(key))
      throw OpenAIError.badRequest(
        `${key} cannot be sent in a batch record to this model`,
        key,
        'unsupported_in_batch',
      );
  const { inferenceConfig, additionalModelRequestFields, ...rest } = converseInputJson(input) as Record<
    string,
    any
  >;
  const body: Record<string, unknown> = { schemaVersion: 'messages-v1', ...rest };
  const extra = { ...(additionalModelRequestFields ?? {}) } as Record<string, any>;
  const inference: Record<string, unknown> = { ...(extra.inferenceConfig ?? {}) };
  delete extra.inferenceConfig;
  if (inferenceConfig?.maxTokens !== undefined) inference.max_new_tokens = inferenceConfig.maxTokens;
  if (inferenceConfig?.temperature !== undefined) inference.temperature = inferenceConfig.temperature;
  if (inferenceConfig?.topP !== undefined) inference.top_p = inferenceConfig.topP;
  if (inferenceConfig?.stopSequences?.length) inference.stopSequences = inferenceConfig.stopSequences;
  if (Object.keys(inference).length > 0) body.inferenceConfig = inference;
  return { ...body, ...extra };
}
