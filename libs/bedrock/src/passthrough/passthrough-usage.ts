// The token usage of a passthrough call, read from what Bedrock answered as it is relayed: Converse's
// `usage`, InvokeModel's token-count headers (or the native body's usage), ConverseStream's `metadata`
// event, the `amazon-bedrock-invocationMetrics` of InvokeModelWithResponseStream's last chunk, and the
// model invocations an agent's trace reports. Lenient: what cannot be read counts as nothing.
import { emptyTokenUsage, tokenUsageFromBedrock, type TokenUsage } from '../pricing/token-usage';
import { textCharacters } from './cut-stream-estimate';
import { readEventMessage } from './event-stream-headers';
import type { ModelAction } from './passthrough-operation';

type Headers = Readonly<Record<string, string | string[] | undefined>>;
type Json = Record<string, any>;

const HEADER_COUNTS = {
  inputTokens: 'x-amzn-bedrock-input-token-count',
  outputTokens: 'x-amzn-bedrock-output-token-count',
  cacheReadTokens: 'x-amzn-bedrock-cache-read-input-token-count',
  cacheWriteTokens: 'x-amzn-bedrock-cache-write-input-token-count',
} as const;

/** InvokeModel's usage from its response headers, known before the body (undefined: not sent). */
export function usageFromHeaders(headers: Headers): TokenUsage | undefined {
  if (headers[HEADER_COUNTS.inputTokens] === undefined) return undefined;
  const usage = emptyTokenUsage();
  for (const [field, name] of Object.entries(HEADER_COUNTS) as [keyof typeof HEADER_COUNTS, string][]) {
    usage[field] = countOf(Number(headers[name]));
  }
  return usage;
}

/** The usage in a unary JSON answer of a model operation. */
export function usageFromBody(action: ModelAction, body: Uint8Array): TokenUsage | undefined {
  if (action !== 'converse' && action !== 'invoke') return undefined;
  const parsed = parseJson(body);
  if (!parsed) return undefined;
  if (action === 'converse') return tokenUsageFromBedrock(parsed.usage);
  return usageOfNativeBody(parsed);
}

/**
 * Accumulates usage from the messages of an event stream, one whole message at a time, and the
 * characters of model output that went by (for an estimate when the stream is cut before its report).
 */
export class EventStreamUsage {
  private usage: TokenUsage | undefined;
  private characters = 0;

  constructor(private readonly kind: 'converse-stream' | 'invoke-stream' | 'agent') {}

  observe(message: Uint8Array): void {
    const event = readEventMessage(message);
    if (!event) return;
    if (this.kind === 'converse-stream') {
      if (event.eventType === 'metadata') this.usage = tokenUsageFromBedrock(parseJson(event.payload)?.usage);
      else if (event.eventType === 'contentBlockDelta')
        this.characters += textCharacters(parseJson(event.payload)?.delta);
    } else if (event.eventType === 'chunk') {
      this.observeChunk(event.payload);
    } else if (this.kind === 'agent' && event.eventType === 'trace') {
      this.add(modelInvocationUsage(parseJson(event.payload)));
    }
  }

  get result(): TokenUsage | undefined {
    return this.usage;
  }

  /** Characters of model output seen so far (text, tool input, reasoning; not protocol fields). */
  get outputCharacters(): number {
    return this.characters;
  }

  /** InvokeModel's native chunks and an agent's answer chunks: base64 JSON or text in `bytes`. */
  private observeChunk(payload: Uint8Array): void {
    const bytes = parseJson(payload)?.bytes;
    if (typeof bytes !== 'string') return;
    const decoded = Buffer.from(bytes, 'base64');
    if (this.kind === 'agent') {
      this.characters += decoded.toString('utf8').length;
      return;
    }
    if (!decoded.includes('amazon-bedrock-invocationMetrics')) {
      this.characters += textCharacters(parseJson(decoded));
      return;
    }
    const metrics = parseJson(decoded)?.['amazon-bedrock-invocationMetrics'];
    if (!metrics) return;
    this.usage = {
      inputTokens: countOf(metrics.inputTokenCount),
      outputTokens: countOf(metrics.outputTokenCount),
      cacheReadTokens: countOf(metrics.cacheReadInputTokenCount),
      cacheWriteTokens: countOf(metrics.cacheWriteInputTokenCount),
    };
  }

  private add(usage: TokenUsage | undefined): void {
    if (!usage) return;
    const total = (this.usage ??= emptyTokenUsage());
    total.inputTokens += usage.inputTokens;
    total.outputTokens += usage.outputTokens;
  }
}

/** Anthropic (`input_tokens`…), Nova (`inputTokens`…), Llama, Titan and Cohere native answers. */
function usageOfNativeBody(body: Json): TokenUsage | undefined {
  const usage = body.usage;
  if (usage && typeof usage === 'object') {
    if ('input_tokens' in usage || 'output_tokens' in usage)
      return {
        inputTokens: countOf(usage.input_tokens),
        outputTokens: countOf(usage.output_tokens),
        cacheReadTokens: countOf(usage.cache_read_input_tokens),
        cacheWriteTokens: countOf(usage.cache_creation_input_tokens),
      };
    return tokenUsageFromBedrock(usage);
  }
  if ('prompt_token_count' in body) return withCounts(body.prompt_token_count, body.generation_token_count);
  if ('inputTextTokenCount' in body && Array.isArray(body.results))
    return withCounts(
      body.inputTextTokenCount,
      body.results.reduce((sum: number, result: Json) => sum + countOf(result?.tokenCount), 0),
    );
  return undefined;
}

function modelInvocationUsage(event: Json | undefined): TokenUsage | undefined {
  const trace = event?.trace;
  if (!trace || typeof trace !== 'object') return undefined;
  for (const step of Object.values(trace) as Json[]) {
    const usage = step?.modelInvocationOutput?.metadata?.usage;
    if (usage) return withCounts(usage.inputTokens, usage.outputTokens);
  }
  return undefined;
}

function withCounts(input: unknown, output: unknown): TokenUsage {
  return { ...emptyTokenUsage(), inputTokens: countOf(input), outputTokens: countOf(output) };
}

function parseJson(bytes: Uint8Array): Json | undefined {
  try {
    const value: unknown = JSON.parse(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
    );
    return value !== null && typeof value === 'object' ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

function countOf(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? Math.floor(number) : 0;
}
