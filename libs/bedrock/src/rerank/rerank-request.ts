// A Cohere-format rerank request → the agent runtime's Rerank input: one text query, each document an
// inline source (strings as TEXT, objects as JSON — only the `rank_fields` when given), the model as a
// foundation-model ARN, `top_n` as numberOfResults.
import type {
  RerankCommandInput,
  RerankDocument as BedrockRerankDocument,
} from '@aws-sdk/client-bedrock-agent-runtime';
import type { DocumentType } from '@smithy/types';
import { OpenAIError, type RerankDocument, type RerankRequest } from '@quarry/openai';

export interface RerankRequestOptions {
  /** What the deployment names: a foundation-model ARN, or a model id to make one of. */
  modelId: string;
  region: string;
}

export function toRerankInput(request: RerankRequest, options: RerankRequestOptions): RerankCommandInput {
  return {
    queries: [{ type: 'TEXT', textQuery: { text: request.query } }],
    sources: request.documents.map((document, index) => ({
      type: 'INLINE',
      inlineDocumentSource: inlineSource(document, request.rank_fields, index),
    })),
    rerankingConfiguration: {
      type: 'BEDROCK_RERANKING_MODEL',
      bedrockRerankingConfiguration: {
        numberOfResults: Math.min(request.top_n ?? request.documents.length, request.documents.length),
        modelConfiguration: { modelArn: modelArnOf(options.modelId, options.region) },
      },
    },
  };
}

/** Rerank names its model by ARN; a plain id becomes the foundation-model ARN in the deployment's region. */
export function modelArnOf(modelId: string, region: string): string {
  return modelId.startsWith('arn:') ? modelId : `arn:aws:bedrock:${region}::foundation-model/${modelId}`;
}

function inlineSource(
  document: RerankDocument,
  rankFields: string[] | undefined,
  index: number,
): BedrockRerankDocument {
  if (typeof document === 'string') return { type: 'TEXT', textDocument: { text: document } };
  if (!rankFields) return { type: 'JSON', jsonDocument: document as DocumentType };
  const ranked: Record<string, unknown> = {};
  for (const field of rankFields) if (document[field] !== undefined) ranked[field] = document[field];
  if (Object.keys(ranked).length === 0) {
    throw OpenAIError.badRequest(
      `documents[${index}] has none of the rank_fields (${rankFields.join(', ')})`,
      'rank_fields',
    );
  }
  return { type: 'JSON', jsonDocument: ranked as DocumentType };
}
