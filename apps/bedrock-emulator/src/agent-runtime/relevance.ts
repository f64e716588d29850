// Ranking for Rerank, Retrieve and RetrieveAndGenerate. The score is the runtime's rerank-model
// score (the share of query words found in the document), so the agent runtime's Rerank and an
// InvokeModel call on a rerank model agree on the order.
import { relevanceScore } from '../runtime/rerank/cohere-rerank';

export interface RankedDocument {
  index: number;
  relevanceScore: number;
}

/** Scores every document and sorts by score, highest first; equal scores keep their input order. */
export function rankDocuments(query: string, documents: readonly string[]): RankedDocument[] {
  return documents
    .map((document, index) => ({ index, relevanceScore: relevanceScore(query, document) }))
    .sort((left, right) => right.relevanceScore - left.relevanceScore || left.index - right.index);
}
