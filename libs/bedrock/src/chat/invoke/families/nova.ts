// Amazon Nova on InvokeModel: the `messages-v1` schema — Converse's system, messages and toolConfig
// with bytes as base64, and `inferenceConfig` spelled `max_new_tokens`, `temperature`, `topP`, `topK`,
// `stopSequences`; Nova 2's reasoningConfig at the top level. Answers are Converse-shaped (`output`,
// `stopReason`, usage with `…TokenCount` cache fields); stream chunks wrap Converse events in JSON.
import type { ConverseCommandInput, ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { type InvokeFamily, type JsonObject, type NativeAnswer } from '../invoke-family';
import { stopReasonOf } from '../native-stop-reason';
import { definedMembers, extraFields, samplingOf } from '../prompt-turns';
import { numberOr } from '../text-chunk-events';

/** Byte arrays → base64 strings, everywhere in a JSON-bound value. */
function withBase64Bytes(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(withBase64Bytes);
  if (typeof value === 'object' && value !== null) {
    const copy: JsonObject = {};
    for (const [key, member] of Object.entries(value)) copy[key] = withBase64Bytes(member);
    return copy;
  }
  return value;
}

function inferenceConfig(input: ConverseCommandInput, extra: JsonObject): JsonObject | undefined {
  const sampling = samplingOf(input);
  const config = definedMembers({
    max_new_tokens: sampling.maxTokens,
    temperature: sampling.temperature,
    topP: sampling.topP,
    stopSequences: sampling.stop,
    ...((extra.inferenceConfig as JsonObject | undefined) ?? {}),
  });
  return Object.keys(config).length > 0 ? config : undefined;
}

export const novaFamily: InvokeFamily = {
  limits: {},
  body(input) {
    const extra = extraFields(input);
    const body = definedMembers({
      schemaVersion: 'messages-v1',
      system: input.system && input.system.length > 0 ? input.system : undefined,
      messages: input.messages,
      inferenceConfig: inferenceConfig(input, extra),
      toolConfig: input.toolConfig,
      reasoningConfig: extra.reasoningConfig,
    });
    return withBase64Bytes(body) as JsonObject;
  },
  answer(body): NativeAnswer {
    const output = (body.output ?? {}) as JsonObject;
    const message = (output.message ?? {}) as JsonObject;
    const usage = (body.usage ?? {}) as JsonObject;
    return {
      content: (Array.isArray(message.content) ? message.content : []) as NativeAnswer['content'],
      stopReason: stopReasonOf(body.stopReason) ?? 'end_turn',
      usage: {
        inputTokens: numberOr(usage.inputTokens),
        outputTokens: numberOr(usage.outputTokens),
        cacheReadTokens: numberOr(usage.cacheReadInputTokenCount),
        cacheWriteTokens: numberOr(usage.cacheWriteInputTokenCount),
      },
    };
  },
  // Each chunk is one Converse event by name; metadata is left to the invocation metrics.
  decoder: () => (chunk) => ('metadata' in chunk ? [] : [chunk as unknown as ConverseStreamOutput]),
};
