// Retrieve: POST /knowledgebases/{knowledgeBaseId}/retrieve
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../http/types';
import {
  expectNonEmptyString,
  expectRecord,
  optionalNumber,
  optionalRecord,
  parseJsonBody,
} from '../service-support/request-body';
import {
  answerLeadingFaults,
  resolveIdentifierFaults,
  SERVICE_FAULTS,
} from '../service-support/request-faults';
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
  const body = parseJsonBody(request.body);
  checkKnowledgeBase(knowledgeBaseId);
  const query = expectNonEmptyString(
    expectRecord(body.retrievalQuery, 'retrievalQuery').text,
    'retrievalQuery.text',
  );
  const numberOfResults = numberOfResultsIn(body.retrievalConfiguration, 'retrievalConfiguration');
  if (await answerLeadingFaults(faults, context, response, request.signal, SERVICE_FAULTS)) return;
  response.json({ retrievalResults: searchKnowledgeBase(knowledgeBaseId, query, numberOfResults) });
}

/** Reads `{path}.vectorSearchConfiguration.numberOfResults` (1–100) from a retrievalConfiguration. */
export function numberOfResultsIn(retrievalConfiguration: unknown, path: string): number {
  const configuration = optionalRecord(retrievalConfiguration, path);
  const vectorSearch = configuration
    ? optionalRecord(configuration.vectorSearchConfiguration, `${path}.vectorSearchConfiguration`)
    : undefined;
  if (!vectorSearch) return DEFAULT_NUMBER_OF_RESULTS;
  return (
    optionalNumber(vectorSearch.numberOfResults, `${path}.vectorSearchConfiguration.numberOfResults`, {
      min: 1,
      max: 100,
      integer: true,
    }) ?? DEFAULT_NUMBER_OF_RESULTS
  );
}
