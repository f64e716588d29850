// Which request body an embedding model takes on InvokeModel, by its base model id. Titan and Nova take
// one input per call; Cohere takes a list (up to 96) per call.

export type EmbeddingBodyKind =
  'titan-text-v1' | 'titan-text-v2' | 'titan-image' | 'cohere-v3' | 'cohere-v4' | 'nova-multimodal';

export function embeddingBodyKindOf(baseModelId: string): EmbeddingBodyKind | undefined {
  if (baseModelId.startsWith('amazon.titan-embed-text-v1')) return 'titan-text-v1';
  if (baseModelId.startsWith('amazon.titan-embed-text-v2')) return 'titan-text-v2';
  if (baseModelId.startsWith('amazon.titan-embed-image-v1')) return 'titan-image';
  if (/^cohere\.embed-(english|multilingual)-v3/.test(baseModelId)) return 'cohere-v3';
  if (baseModelId.startsWith('cohere.embed-v4')) return 'cohere-v4';
  if (baseModelId.startsWith('amazon.nova-2-multimodal-embeddings')) return 'nova-multimodal';
  return undefined;
}

/** Vector lengths a model lets the caller choose (`dimensions`); absent: fixed. */
export const CHOOSABLE_DIMENSIONS: Partial<Record<EmbeddingBodyKind, readonly number[]>> = {
  'titan-text-v2': [1024, 512, 256],
  'titan-image': [1024, 384, 256],
  'cohere-v4': [1536, 1024, 512, 256],
  'nova-multimodal': [3072, 1024, 384, 256],
};

/** Whether the model takes Cohere's own request settings (input_type, truncate). */
export function takesCohereSettings(kind: EmbeddingBodyKind): boolean {
  return kind === 'cohere-v3' || kind === 'cohere-v4';
}

/** Nova's embedding purposes: `input_type` picks one (default GENERIC_INDEX, as AWS's examples use). */
export const NOVA_EMBEDDING_PURPOSES = [
  'GENERIC_INDEX',
  'GENERIC_RETRIEVAL',
  'TEXT_RETRIEVAL',
  'IMAGE_RETRIEVAL',
  'DOCUMENT_RETRIEVAL',
  'CLASSIFICATION',
  'CLUSTERING',
] as const;

/** Cohere's cap on texts per call. */
export const COHERE_MAX_TEXTS = 96;
