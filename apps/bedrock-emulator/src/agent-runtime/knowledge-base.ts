// A small fixed corpus stands in for every knowledge base: Retrieve ranks it against the query
// with the same word-overlap score as Rerank, so results are predictable.
import { rankDocuments } from './relevance';

const PASSAGES: readonly string[] = [
  'Amazon Bedrock is a managed service that offers foundation models from several providers through one API.',
  'Batch inference jobs read JSONL records from Amazon S3 and write one output line per record.',
  'Knowledge bases store document chunks as vectors and retrieve the chunks most relevant to a query.',
  'Agents orchestrate a model, action groups and knowledge bases to answer a user request step by step.',
  'Rerank models order a list of documents by their relevance to a query.',
  'Guardrails filter harmful content in prompts and model responses.',
  'Provisioned throughput reserves model capacity for a fixed hourly price.',
  'Cross-region inference profiles route requests to the region with available capacity.',
];

export interface RetrievedPassage {
  content: { type: 'TEXT'; text: string };
  location: { type: 'S3'; s3Location: { uri: string } };
  score: number;
  metadata: Record<string, unknown>;
}

export function searchKnowledgeBase(
  knowledgeBaseId: string,
  query: string,
  numberOfResults: number,
): RetrievedPassage[] {
  return rankDocuments(query, PASSAGES)
    .slice(0, numberOfResults)
    .map(({ index, relevanceScore }) => {
      const uri = `s3://quarry-emulator-knowledge/${knowledgeBaseId}/passage-${index + 1}.txt`;
      return {
        content: { type: 'TEXT', text: PASSAGES[index] },
        location: { type: 'S3', s3Location: { uri } },
        score: relevanceScore,
        metadata: {
          'x-amz-bedrock-kb-source-uri': uri,
          'x-amz-bedrock-kb-chunk-id': `${knowledgeBaseId}-${index + 1}`,
        },
      };
    });
}

/** A retrieved passage in the shape citations use (no score). */
export function asReference(passage: RetrievedPassage): Omit<RetrievedPassage, 'score'> {
  return { content: passage.content, location: passage.location, metadata: passage.metadata };
}
