// Bedrock embedding answers → OpenAI's list, in the request's input order. Titan returns `embedding`
// (v2 also `embeddingsByType.float`) and `inputTextTokenCount`; Cohere returns `embeddings` (a list of
// vectors, or by type: `{float: [...]}`, always so for v4) and Nova `embeddings: [{embedding}]`, both
// with their token counts in the response headers. `encoding_format: base64` is OpenAI's: the
// float32 little-endian bytes of each vector, base64-encoded.
import type { EmbeddingEncodingFormat, EmbeddingsResponse } from '@quarry/openai';
import { costOf } from '../pricing/cost-of';
import { roundCost } from '../pricing/cost-format';
import type { ModelPrice } from '../pricing/model-price';
import type { TokenUsage } from '../pricing/token-usage';
import type { EmbeddingPlan } from './embeddings-request';

export interface EmbeddingAnswer {
  body: unknown;
  /** Input tokens from the answer's headers, when Bedrock sent them. */
  headerInputTokens?: number;
}

export interface EmbeddingsResponseMeta {
  model: string;
  encodingFormat: EmbeddingEncodingFormat | undefined;
  price: ModelPrice | undefined;
}

export function fromEmbeddingAnswers(
  plan: EmbeddingPlan,
  answers: readonly EmbeddingAnswer[],
  meta: EmbeddingsResponseMeta,
): { response: EmbeddingsResponse; usage: TokenUsage } {
  const vectors: number[][] = [];
  let inputTokens = 0;
  answers.forEach((answer, callIndex) => {
    const body = (answer.body ?? {}) as Record<string, any>;
    const expected = plan.calls[callIndex].inputCount;
    const found = vectorsOf(plan.kind, body);
    if (found.length !== expected || !found.every(isVector)) {
      throw new Error(`Bedrock answered ${found.length} embeddings for ${expected} inputs`);
    }
    vectors.push(...(found as number[][]));
    inputTokens += answer.headerInputTokens ?? (Number(body.inputTextTokenCount) || 0);
  });
  const usage: TokenUsage = { inputTokens, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
  return {
    response: {
      object: 'list',
      data: vectors.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding: meta.encodingFormat === 'base64' ? toBase64Float32(vector) : vector,
      })),
      model: meta.model,
      usage: {
        prompt_tokens: inputTokens,
        total_tokens: inputTokens,
        ...(meta.price ? { cost: roundCost(costOf(usage, meta.price)) } : {}),
      },
    },
    usage,
  };
}

function vectorsOf(kind: EmbeddingPlan['kind'], body: Record<string, any>): unknown[] {
  switch (kind) {
    case 'cohere-v3':
    case 'cohere-v4':
      return cohereVectors(body);
    case 'nova-multimodal':
      return Array.isArray(body.embeddings) ? body.embeddings.map((item: any) => item?.embedding) : [];
    case 'titan-text-v1':
    case 'titan-text-v2':
    case 'titan-image':
      return [titanVector(body)];
    default: {
      const unknown: never = kind;
      throw new Error(`unhandled embedding answer ${String(unknown)}`);
    }
  }
}

function titanVector(body: Record<string, any>): unknown {
  return body.embedding ?? body.embeddingsByType?.float;
}

function cohereVectors(body: Record<string, any>): unknown[] {
  const embeddings = body.embeddings;
  if (Array.isArray(embeddings)) return embeddings;
  return Array.isArray(embeddings?.float) ? embeddings.float : [];
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

function toBase64Float32(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (let index = 0; index < vector.length; index++) bytes.writeFloatLE(vector[index], index * 4);
  return bytes.toString('base64');
}
