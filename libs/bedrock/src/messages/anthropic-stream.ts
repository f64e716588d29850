// Claude's InvokeModelWithResponseStream chunks read back as Anthropic's own stream events
// (message_start, content_block_*, message_delta, message_stop, ping): each chunk's bytes are one event,
// and the last one also carries Bedrock's `amazon-bedrock-invocationMetrics`, which is taken out (it is
// Bedrock's framing, not Anthropic's). The usage is read as the events pass: message_start brings the
// prompt and cache counts, message_delta the output count so far; the metrics, when they come, win.
import type { ResponseStream } from '@aws-sdk/client-bedrock-runtime';
import type { TokenUsage } from '../pricing/token-usage';
import type { AnthropicBody } from './anthropic-body';
import { tokenUsageFromAnthropic } from './anthropic-usage';

const METRICS = 'amazon-bedrock-invocationMetrics';

export class AnthropicStreamReader {
  private fromEvents: TokenUsage | undefined;
  private fromMetrics: TokenUsage | undefined;
  private outputSeen = false;

  constructor(private readonly chunks: AsyncIterable<ResponseStream>) {}

  /** Whether Bedrock reported the final output count (message_delta or the invocation metrics). */
  get usageReceived(): boolean {
    return this.fromMetrics !== undefined || this.outputSeen;
  }

  get usage(): TokenUsage {
    return this.fromMetrics ?? this.fromEvents ?? tokenUsageFromAnthropic(undefined);
  }

  /**
   * Each event, with its JSON text as Bedrock sent it (`data`) so a relay need not serialise it again;
   * `data` is undefined when the event was changed (the metrics taken out).
   */
  async *events(): AsyncGenerator<{ event: AnthropicBody; data: string | undefined }> {
    for await (const event of this.chunks) {
      if (!event.chunk) {
        // The SDK throws modelled stream errors itself; one yielded as a value must still end the stream.
        const error = Object.values(event).find((value) => value !== undefined);
        if (error) throw error;
        continue;
      }
      let data: string | undefined = Buffer.from(event.chunk.bytes ?? new Uint8Array()).toString('utf8');
      const chunk = JSON.parse(data || '{}') as AnthropicBody;
      if (chunk[METRICS] !== undefined) {
        this.fromMetrics = usageOfMetrics(chunk[METRICS] as Record<string, unknown>);
        delete chunk[METRICS];
        data = undefined;
      }
      this.noteUsage(chunk);
      yield { event: chunk, data };
    }
  }

  private noteUsage(event: AnthropicBody): void {
    if (event.type === 'message_start') {
      this.fromEvents = tokenUsageFromAnthropic((event.message as AnthropicBody | undefined)?.usage);
    } else if (event.type === 'message_delta' && typeof event.usage === 'object' && event.usage !== null) {
      // message_delta's output_tokens is cumulative; its other counts, when present, are too.
      const delta = tokenUsageFromAnthropic(event.usage);
      const started = this.fromEvents ?? delta;
      this.fromEvents = {
        inputTokens: delta.inputTokens || started.inputTokens,
        outputTokens: delta.outputTokens,
        cacheReadTokens: delta.cacheReadTokens || started.cacheReadTokens,
        cacheWriteTokens: delta.cacheWriteTokens || started.cacheWriteTokens,
      };
      this.outputSeen = true;
    }
  }
}

function usageOfMetrics(metrics: Record<string, unknown>): TokenUsage {
  return tokenUsageFromAnthropic({
    input_tokens: metrics.inputTokenCount,
    output_tokens: metrics.outputTokenCount,
    cache_read_input_tokens: metrics.cacheReadInputTokenCount,
    cache_creation_input_tokens: metrics.cacheWriteInputTokenCount,
  });
}

/** The characters of model output an event carries (time to first token; the estimate of a cut stream). */
export function outputCharactersOf(event: AnthropicBody): number {
  if (event.type !== 'content_block_delta') return 0;
  const delta = (event.delta ?? {}) as Record<string, unknown>;
  const text = delta.text ?? delta.thinking ?? delta.partial_json;
  return typeof text === 'string' ? text.length : 0;
}
