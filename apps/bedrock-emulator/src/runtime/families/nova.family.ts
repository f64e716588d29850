// Amazon Nova on InvokeModel: a Converse-like body (schemaVersion messages-v1) and a Converse-like
// response whose usage names cache fields …TokenCount; stream chunks wrap Converse events in JSON.
import type { FoundationModel } from '../../catalogue/foundation-model';
import type { ModelOutcome } from '../../model/conversation';
import type { JsonRecord } from '../../service-support/request-body';
import { converseContent, converseStreamEvents } from '../converse/converse-response';
import { parseConverseRequest } from '../converse/converse-request';
import type { NativeChunk, TextFamily } from './text-family';

const NOVA_KEYS = [
  'schemaVersion',
  'system',
  'messages',
  'inferenceConfig',
  'toolConfig',
  'additionalModelRequestFields',
  'reasoningConfig',
];

function novaUsage(outcome: ModelOutcome): JsonRecord {
  const { inputTokens, outputTokens, cacheReadInputTokens, cacheWriteInputTokens } = outcome.usage;
  return {
    inputTokens,
    outputTokens,
    totalTokens: inputTokens + outputTokens + cacheReadInputTokens + cacheWriteInputTokens,
    cacheReadInputTokenCount: cacheReadInputTokens,
    cacheWriteInputTokenCount: cacheWriteInputTokens,
  };
}

export const novaFamily: TextFamily = {
  toolIdPrefix: 'tooluse_',
  parse: (body: JsonRecord, model: FoundationModel) =>
    parseConverseRequest(body, model, { allowedKeys: NOVA_KEYS }),
  render(outcome) {
    return {
      output: { message: { role: 'assistant', content: converseContent(outcome) } },
      stopReason: outcome.stopReason,
      usage: novaUsage(outcome),
    };
  },
  streamChunks(outcome): NativeChunk[] {
    const chunks: NativeChunk[] = converseStreamEvents(outcome, {}).map((event) => ({
      chunk: { [event.type]: event.payload },
      tokens: event.tokens,
    }));
    chunks.push({ chunk: { metadata: { usage: novaUsage(outcome), metrics: {}, trace: {} } }, tokens: 0 });
    return chunks;
  },
};
