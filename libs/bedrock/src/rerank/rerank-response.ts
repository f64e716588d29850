// The agent runtime's Rerank answer → Cohere's `{id, results, meta: {billed_units}}`. Results keep
// Bedrock's order (most relevant first); `return_documents` gives each the request's own document
// (strings as Cohere returns them, `{text}`). Bedrock bills per query of up to 100 documents, which is
// Cohere's search unit.
import type { RerankCommandOutput } from '@aws-sdk/client-bedrock-agent-runtime';
import type { RerankRequest, RerankResponse } from '@quarry/openai';
import { roundCost } from '../pricing/cost-format';
import type { ModelPrice } from '../pricing/model-price';
import { emptyTokenUsage, type TokenUsage } from '../pricing/token-usage';

export const DOCUMENTS_PER_SEARCH_UNIT = 100;

export function fromRerankOutput(
  request: RerankRequest,
  output: Pick<RerankCommandOutput, 'results'>,
  meta: { id: string; price: ModelPrice | undefined },
): { response: RerankResponse; usage: TokenUsage; cost: number | undefined } {
  const searchUnits = Math.ceil(request.documents.length / DOCUMENTS_PER_SEARCH_UNIT);
  const cost = meta.price?.perQuery === undefined ? undefined : meta.price.perQuery * searchUnits;
  const results = (output.results ?? []).map((result) => {
    const index = result.index ?? 0;
    const document = request.documents[index];
    return {
      index,
      relevance_score: result.relevanceScore ?? 0,
      ...(request.return_documents
        ? { document: typeof document === 'string' ? { text: document } : document }
        : {}),
    };
  });
  return {
    response: {
      id: meta.id,
      results,
      meta: {
        billed_units: { search_units: searchUnits },
        ...(cost !== undefined ? { cost: roundCost(cost) } : {}),
      },
    },
    usage: emptyTokenUsage(),
    cost,
  };
}
