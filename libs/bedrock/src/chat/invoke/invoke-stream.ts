// InvokeModelWithResponseStream chunks → Converse stream events, so the Converse stream translator
// builds the OpenAI chunk sequence (role first, deltas, one finish chunk, the usage chunk when asked)
// for every family alike. Each chunk's bytes are one JSON object in the family's format; the last one
// carries `amazon-bedrock-invocationMetrics`, which becomes the metadata event with the usage.
import type { ConverseStreamOutput, ResponseStream } from '@aws-sdk/client-bedrock-runtime';
import type { JsonObject } from './invoke-family';
import { INVOKE_FAMILIES, type InvokeFormat } from './invoke-formats';
import { parseBody } from './invoke-response';

const METRICS = 'amazon-bedrock-invocationMetrics';

export async function* invokeStreamEvents(
  stream: AsyncIterable<ResponseStream> | undefined,
  format: InvokeFormat,
): AsyncGenerator<ConverseStreamOutput> {
  const decode = INVOKE_FAMILIES[format].decoder();
  let metrics: JsonObject | undefined;
  for await (const event of stream ?? []) {
    if (!event.chunk) {
      // The SDK throws modelled stream errors itself; one yielded as a value must still end the stream.
      const error = Object.values(event).find((value) => value !== undefined);
      if (error) throw error;
      continue;
    }
    const chunk = parseBody(event.chunk.bytes);
    if (chunk[METRICS] !== undefined) {
      metrics = chunk[METRICS] as JsonObject;
      delete chunk[METRICS];
    }
    yield* decode(chunk);
  }
  if (metrics) yield { metadata: { usage: usageOf(metrics), metrics: undefined } };
}

function usageOf(metrics: JsonObject) {
  const count = (name: string) => (typeof metrics[name] === 'number' ? (metrics[name] as number) : 0);
  return {
    inputTokens: count('inputTokenCount'),
    outputTokens: count('outputTokenCount'),
    totalTokens: count('inputTokenCount') + count('outputTokenCount'),
    cacheReadInputTokens: count('cacheReadInputTokenCount'),
    cacheWriteInputTokens: count('cacheWriteInputTokenCount'),
  };
}
