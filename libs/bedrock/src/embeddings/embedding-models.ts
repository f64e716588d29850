// Which request body an embedding model takes on InvokeModel, by its base model id. Titan takes one
// input per call; Cohere takes a list (up to 96) per call.

export type EmbeddingBodyKind = 'titan-text-v1' | 'titan-text-v2' | 'titan-image' | 'cohere-v3';

export function embeddingBodyKindOf(baseModelId: string): EmbeddingBodyKind | undefined {
  if (baseModelId.startsWith('amazon.titan-embed-text-v1')) return 'titan-text-v1';
  if (baseModelId.startsWith('amazon.titan-embed-text-v2')) return 'titan-text-v2';
  if (baseModelId.startsWith('amazon.titan-embed-image-v1')) return 'titan-image';
  if (/^cohere\.embed-(english|multilingual)-v3/.test(baseModelId)) return 'cohere-v3';
  return undefined;
}

/** Vector lengths a model lets the caller choose (`dimensions`); absent: fixed. */
export const CHOOSABLE_DIMENSIONS: Partial<Record<EmbeddingBodyKind, readonly number[]>> = {
  'titan-text-v2': [1024, 512, 256],
  'titan-image': [1024, 384, 256],
};

/** Cohere's cap on texts per call. */
export const COHERE_MAX_TEXTS = 96;
