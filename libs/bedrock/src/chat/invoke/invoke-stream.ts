// InvokeModelWithResponseStream chunks → Converse stream events, so the Converse stream translator
// builds the OpenAI chunk sequence (role first, deltas, one finish chunk, the usage chunk when asked)
// for every family alike. Each chunk's bytes are one JSON object in the family's format; the last one
// carries `amazon-bedrock-invocationMetrics`, which becomes the metadata event with the usage.
import type {
  ConverseStreamOutput,
  InvokeModelCommandOutput,
  ResponseStream,
} from '@aws-sdk/client-bedrock-runtime';
import { invocationMetricsOf } from '../../clients/invocation-metrics';
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

/**
 * A whole InvokeModel answer as the events of a stream, for models Bedrock cannot stream (LiteLLM fakes
 * those streams the same way): the client still gets role, deltas, one finish chunk and usage.
 */
export async function* invokeAnswerEvents(
  output: InvokeModelCommandOutput,
  format: InvokeFormat,
): AsyncGenerator<ConverseStreamOutput> {
  const answer = INVOKE_FAMILIES[format].answer(parseBody(output.body));
  yield { messageStart: { role: 'assistant' } };
  for (const [index, block] of answer.content.entries()) {
    if (block.text) yield { contentBlockDelta: { contentBlockIndex: index, delta: { text: block.text } } };
    else if (block.reasoningContent?.reasoningText?.text)
      yield {
        contentBlockDelta: {
          contentBlockIndex: index,
          delta: { reasoningContent: { text: block.reasoningContent.reasoningText.text } },
        },
      };
    else if (block.toolUse) {
      const { toolUseId, name, input } = block.toolUse;
      yield { contentBlockStart: { contentBlockIndex: index, start: { toolUse: { toolUseId, name } } } };
      yield {
        contentBlockDelta: {
          contentBlockIndex: index,
          delta: { toolUse: { input: JSON.stringify(input ?? {}) } },
        },
      };
    }
  }
  yield { messageStop: { stopReason: answer.stopReason ?? 'end_turn' } };
  const usage = invocationMetricsOf(output) ?? answer.usage;
  if (usage) {
    yield {
      metadata: {
        usage: {
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
          totalTokens: usage.inputTokens + usage.outputTokens,
          cacheReadInputTokens: usage.cacheReadTokens ?? 0,
          cacheWriteInputTokens: usage.cacheWriteTokens ?? 0,
        },
        metrics: undefined,
      },
    };
  }
}
