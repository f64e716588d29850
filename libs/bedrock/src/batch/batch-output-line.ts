// One line of Bedrock's `.out` file → one line of OpenAI's batch output format:
//   {"id", "custom_id", "response": {"status_code", "request_id", "body"}, "error"}
// with the client's custom_id and the body the live route would have answered (a chat.completion or an
// embedding list), its usage.cost at batch prices. A record Bedrock failed becomes an error-file line.
import type { ModelCapabilities } from '../capabilities/model-capabilities';
import { fromConverseResponse } from '../chat/converse/converse-response';
import type { TranslationContext } from '../chat/converse/translation-context';
import { fromEmbeddingAnswers } from '../embeddings/embeddings-response';
import { costOf } from '../pricing/cost-of';
import { roundCost } from '../pricing/cost-format';
import type { ModelPrice } from '../pricing/model-price';
import { emptyTokenUsage, type TokenUsage } from '../pricing/token-usage';
import { converseOutputOfAnthropic, converseOutputOfNova } from './anthropic-output';
import { recordIndexOf, type BatchRecordFormat, type BatchRecordInfo } from './batch-record';

export interface BatchOutputMeta {
  format: BatchRecordFormat;
  /** The public model name, as the client named it. */
  model: string;
  price: ModelPrice | undefined;
  capabilities: ModelCapabilities;
  /** Unix seconds for `created`. */
  created: number;
  /** Makes the line id (`batch_req_…`), the request id and the completion id. */
  newId: (prefix: string) => string;
}

export interface BatchOutputLine {
  /** The record's position in the input, or undefined for a line naming no record of this file. */
  index: number | undefined;
  info: BatchRecordInfo | undefined;
  succeeded: boolean;
  line: Record<string, unknown>;
  usage: TokenUsage;
  cost: number;
}

export function toBatchOutputLine(
  raw: unknown,
  records: readonly BatchRecordInfo[],
  meta: BatchOutputMeta,
): BatchOutputLine {
  const record = (raw ?? {}) as Record<string, any>;
  const index = typeof record.recordId === 'string' ? recordIndexOf(record.recordId) : undefined;
  const info = index === undefined ? undefined : records[index];
  const base = { id: meta.newId('batch_req_'), custom_id: info?.customId ?? null };
  const requestId = meta.newId('req_');
  const output = record.modelOutput;
  if (!info || record.error || typeof output !== 'object' || output === null) {
    const status = Number(record.error?.errorCode) || (info ? 500 : 400);
    const message = String(
      record.error?.errorMessage ?? (info ? 'Bedrock returned no output for this request' : 'Unknown record'),
    );
    return {
      index,
      info,
      succeeded: false,
      usage: emptyTokenUsage(),
      cost: 0,
      line: {
        ...base,
        response: {
          status_code: status,
          request_id: requestId,
          body: {
            error: {
              message,
              type: status < 500 ? 'invalid_request_error' : 'upstream_error',
              param: null,
              code: null,
            },
          },
        },
        error: { code: 'bedrock_record_error', message },
      },
    };
  }
  const { body, usage } = answerOf(output, info, meta);
  const cost = meta.price ? costOf(usage, meta.price, { batch: true }) : 0;
  (body.usage as Record<string, unknown>).cost = roundCost(cost);
  return {
    index,
    info,
    succeeded: true,
    usage,
    cost,
    line: { ...base, response: { status_code: 200, request_id: requestId, body }, error: null },
  };
}

function answerOf(
  output: Record<string, any>,
  info: BatchRecordInfo,
  meta: BatchOutputMeta,
): { body: Record<string, any>; usage: TokenUsage } {
  if (meta.format === 'embedding') {
    const kind = info.embeddingKind ?? 'titan-text-v2';
    const inputCount =
      kind === 'cohere-v3' && Array.isArray(output.embeddings) ? output.embeddings.length : 1;
    const { response, usage } = fromEmbeddingAnswers(
      { kind, calls: [{ body: {}, inputCount }] },
      [{ body: output }],
      { model: meta.model, encodingFormat: info.encodingFormat, price: undefined },
    );
    return { body: response as unknown as Record<string, any>, usage };
  }
  const converseOutput =
    meta.format === 'anthropic'
      ? converseOutputOfAnthropic(output)
      : meta.format === 'nova'
        ? converseOutputOfNova(output)
        : ({ ...output, $metadata: {} } as Parameters<typeof fromConverseResponse>[0]);
  const context: TranslationContext = {
    toolNames: new Map(info.toolNames ?? []),
    jsonMode: info.jsonTool
      ? { kind: 'tool', toolName: info.jsonTool }
      : info.jsonNative
        ? { kind: 'native' }
        : { kind: 'none' },
    capabilities: meta.capabilities,
  };
  const { completion, usage } = fromConverseResponse(converseOutput, {
    id: meta.newId('chatcmpl-'),
    created: meta.created,
    model: meta.model,
    context,
  });
  return { body: completion as unknown as Record<string, any>, usage };
}
