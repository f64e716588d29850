// InvokeModel answer → OpenAI chat completion: the family reads its native body into Converse's shape
// and the Converse response translation does the rest (tool names, JSON mode, reasoning, finish reason,
// usage and cost), so both routes answer alike. Token counts come from the body, or else from the
// x-amzn-bedrock-*-token-count headers.
import type { ConverseCommandOutput, InvokeModelCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import type { ChatCompletion } from '@quarry/openai';
import { invocationMetricsOf } from '../../clients/invocation-metrics';
import type { TokenUsage } from '../../pricing/token-usage';
import { fromConverseResponse, type ConverseResponseMeta } from '../converse/converse-response';
import type { JsonObject } from './invoke-family';
import { INVOKE_FAMILIES, type InvokeFormat } from './invoke-formats';

export function fromInvokeResponse(
  output: InvokeModelCommandOutput,
  format: InvokeFormat,
  meta: ConverseResponseMeta,
): { completion: ChatCompletion; usage: TokenUsage } {
  const body = parseBody(output.body);
  const answer = INVOKE_FAMILIES[format].answer(body);
  const headers = invocationMetricsOf(output);
  const usage = headers ?? {
    inputTokens: answer.usage?.inputTokens ?? 0,
    outputTokens: answer.usage?.outputTokens ?? 0,
    cacheReadTokens: answer.usage?.cacheReadTokens ?? 0,
    cacheWriteTokens: answer.usage?.cacheWriteTokens ?? 0,
  };
  const converse: ConverseCommandOutput = {
    $metadata: {},
    output: { message: { role: 'assistant', content: answer.content } },
    stopReason: answer.stopReason ?? 'end_turn',
    usage: {
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      totalTokens: usage.inputTokens + usage.outputTokens,
      cacheReadInputTokens: usage.cacheReadTokens,
      cacheWriteInputTokens: usage.cacheWriteTokens,
    },
    metrics: undefined,
  };
  return fromConverseResponse(converse, meta);
}

export function parseBody(bytes: Uint8Array | undefined): JsonObject {
  const parsed: unknown = JSON.parse(Buffer.from(bytes ?? new Uint8Array()).toString('utf8') || '{}');
  return typeof parsed === 'object' && parsed !== null ? (parsed as JsonObject) : {};
}
