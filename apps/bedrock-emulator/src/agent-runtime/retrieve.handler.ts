// Retrieve: POST /knowledgebases/{knowledgeBaseId}/retrieve
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../http/types';
import {
  optionalInteger,
  optionalObject,
  parseJsonObject,
  requiredObject,
  requiredString,
  type JsonObject,
} from '../service-support/request-body';
import { answerFault, resolveIdentifierFaults } from '../service-support/request-faults';
import { searchKnowledgeBase } from './knowledge-base';
import { checkKnowledgeBase } from './resource-rules';

/** Bedrock's default when vectorSearchConfiguration.numberOfResults is absent. */
export const DEFAULT_NUMBER_OF_RESULTS = 5;

export async function retrieve(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  const { baseId: knowledgeBaseId, faults } = resolveIdentifierFaults(
    request.params.knowledgeBaseId,
    context,
  );
  const body = parseJsonObject(request.body);
  checkKnowledgeBase(knowledgeBaseId);
  const query = requiredString(requiredObject(body, 'retrievalQuery'), 'text', 'retrievalQuery.text');
  const numberOfResults = numberOfResultsIn(body, 'retrievalConfiguration');
  if (await answerFault(faults, context, response, request.signal)) return;
  response.json({ retrievalResults: searchKnowledgeBase(knowledgeBaseId, query, numberOfResults) });
}

/** Reads `{path}.vectorSearchConfiguration.numberOfResults` (1–100) from a retrievalConfiguration. */
export function numberOfResultsIn(parent: JsonObject, key: string, path = key): number {
  const configuration = optionalObject(parent, key, path);
  const vectorSearch = configuration
    ? optionalObject(configuration, 'vectorSearchConfiguration', `${path}.vectorSearchConfiguration`)
    : undefined;
  if (!vectorSearch) return DEFAULT_NUMBER_OF_RESULTS;
  return (
    optionalInteger(
      vectorSearch,
      'numberOfResults',
      { min: 1, max: 100 },
      `${path}.vectorSearchConfiguration.numberOfResults`,
    ) ?? DEFAULT_NUMBER_OF_RESULTS
  );
}
