// POST /v1/embeddings as OpenAI documents it, plus the provider fields LiteLLM users send for Cohere on
// Bedrock (`input_type`, `truncate`). Shapes AFTER parseEmbeddingsRequest has checked them.

export type EmbeddingEncodingFormat = 'float' | 'base64';

export interface EmbeddingsRequest {
  model: string;
  /** One input or several; the parser turns a single string into a one-item list. */
  input: string[];
  encoding_format?: EmbeddingEncodingFormat;
  /** Output vector length, where the model lets you choose it. */
  dimensions?: number;
  /** The end user, booked in spend; never sent to Bedrock. */
  user?: string;
  /** Cohere: search_document (default), search_query, classification, clustering, image. */
  input_type?: string;
  /** Cohere: NONE, START, END. */
  truncate?: string;
  /** Titan text v2: normalise the vector (default true). */
  normalize?: boolean;
  drop_params?: boolean;
  [providerKey: string]: unknown;
}

export interface Embedding {
  object: 'embedding';
  index: number;
  /** A list of floats, or their little-endian float32 bytes in base64 for `encoding_format: base64`. */
  embedding: number[] | string;
}

export interface EmbeddingsResponse {
  object: 'list';
  data: Embedding[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number; cost?: number };
}
