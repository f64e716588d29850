// POST /rerank (/v1/rerank, /v2/rerank) in Cohere's format, which LiteLLM serves for every rerank
// provider. Shapes AFTER parseRerankRequest has checked them.

export type RerankDocument = string | Record<string, unknown>;

export interface RerankRequest {
  model: string;
  query: string;
  documents: RerankDocument[];
  /** How many results to return, best first (default: all). */
  top_n?: number;
  /** Whether each result carries its document. */
  return_documents?: boolean;
  /** For object documents: the fields ranked (default: the whole object). */
  rank_fields?: string[];
  /** Cohere's chunking setting; Bedrock chunks itself, so it is accepted and not sent. */
  max_chunks_per_doc?: number;
  user?: string;
  [providerKey: string]: unknown;
}

export interface RerankResult {
  index: number;
  relevance_score: number;
  document?: Record<string, unknown>;
}

export interface RerankResponse {
  id: string;
  results: RerankResult[];
  meta: { billed_units: { search_units: number }; cost?: number };
}
