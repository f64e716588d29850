// Rerank: POST /rerank. Relevance is the word overlap between the query and each source (see
// relevance.ts); faults ride on the model ARN as a `~fault` suffix.
import { resolveModel } from '../catalogue/model-resolver';
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../http/types';
import {
  expectArray,
  expectNonEmptyString,
  expectRecord,
  isRecord,
  optionalNumber,
  parseJsonBody,
  type JsonRecord,
} from '../service-support/request-body';
import {
  answerLeadingFaults,
  resolveIdentifierFaults,
  SERVICE_FAULTS,
} from '../service-support/request-faults';
import { invalid, notFound, validationError } from '../service-support/service-error';
import { rankDocuments } from './relevance';

const MODEL_ARN = /^arn:aws(-[a-z]+)*:bedrock:[a-z0-9-]*::foundation-model\/.+$/;
const MAX_SOURCES = 1000;

export async function rerank(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  const body = parseJsonBody(request.body);
  const query = queryText(body);
  const sources = sourceDocuments(body);
  const configuration = expectRecord(body.rerankingConfiguration, 'rerankingConfiguration');
  const configurationType = expectNonEmptyString(configuration.type, 'rerankingConfiguration.type');
  if (configurationType !== 'BEDROCK_RERANKING_MODEL') {
    throw validationError(
      'rerankingConfiguration.type',
      'Member must satisfy enum value set: [BEDROCK_RERANKING_MODEL]',
      configurationType,
    );
  }
  const path = 'rerankingConfiguration.bedrockRerankingConfiguration';
  const bedrock = expectRecord(configuration.bedrockRerankingConfiguration, path);
  const numberOfResults =
    optionalNumber(bedrock.numberOfResults, `${path}.numberOfResults`, {
      min: 1,
      max: MAX_SOURCES,
      integer: true,
    }) ?? sources.length;
  const modelConfiguration = expectRecord(bedrock.modelConfiguration, `${path}.modelConfiguration`);
  const modelArn = expectNonEmptyString(modelConfiguration.modelArn, `${path}.modelConfiguration.modelArn`);
  const { baseId, faults } = resolveIdentifierFaults(modelArn, context);
  checkRerankModel(baseId, `${path}.modelConfiguration.modelArn`);

  if (await answerLeadingFaults(faults, context, response, request.signal, SERVICE_FAULTS)) return;
  const ranked = rankDocuments(
    query,
    sources.map((source) => source.text),
  ).slice(0, numberOfResults);
  response.json({
    results: ranked.map(({ index, relevanceScore }) => ({
      index,
      relevanceScore,
      document: sources[index].document,
    })),
  });
}

/** The ARN must name a catalogue model of the rerank family (amazon.rerank-v1:0, cohere.rerank-v3-5:0). */
function checkRerankModel(modelArn: string, field: string): void {
  if (!MODEL_ARN.test(modelArn)) {
    throw validationError(
      field,
      'Member must be a foundation-model ARN (arn:aws:bedrock:REGION::foundation-model/MODEL)',
      modelArn,
    );
  }
  const resolution = resolveModel(modelArn);
  if (!resolution.ok) throw notFound(resolution.message);
  if (resolution.model.family !== 'cohere-rerank') {
    throw invalid(`The provided model ${resolution.model.modelId} doesn't support reranking.`);
  }
}

function queryText(body: JsonRecord): string {
  const queries = expectArray(body.queries, 'queries');
  if (queries.length !== 1)
    throw validationError('queries', 'Member must have length equal to 1', queries.length);
  const query = queries[0];
  if (!isRecord(query)) throw validationError('queries.1', 'Member must be an object', query);
  const type = expectNonEmptyString(query.type, 'queries.1.type');
  if (type !== 'TEXT')
    throw validationError('queries.1.type', 'Member must satisfy enum value set: [TEXT]', type);
  return expectNonEmptyString(
    expectRecord(query.textQuery, 'queries.1.textQuery').text,
    'queries.1.textQuery.text',
  );
}

interface SourceDocument {
  text: string;
  document: JsonRecord;
}

function sourceDocuments(body: JsonRecord): SourceDocument[] {
  const sources = expectArray(body.sources, 'sources');
  if (sources.length < 1 || sources.length > MAX_SOURCES) {
    throw validationError('sources', `Member must have length between 1 and ${MAX_SOURCES}`, sources.length);
  }
  return sources.map((source, index) => {
    const path = `sources.${index + 1}`;
    if (!isRecord(source)) throw validationError(path, 'Member must be an object', source);
    const type = expectNonEmptyString(source.type, `${path}.type`);
    if (type !== 'INLINE')
      throw validationError(`${path}.type`, 'Member must satisfy enum value set: [INLINE]', type);
    const inline = expectRecord(source.inlineDocumentSource, `${path}.inlineDocumentSource`);
    const documentType = expectNonEmptyString(inline.type, `${path}.inlineDocumentSource.type`);
    if (documentType === 'TEXT') {
      const text = expectNonEmptyString(
        expectRecord(inline.textDocument, `${path}.inlineDocumentSource.textDocument`).text,
        `${path}.inlineDocumentSource.textDocument.text`,
      );
      return { text, document: { type: 'TEXT', textDocument: { text } } };
    }
    if (documentType === 'JSON') {
      const json = inline.jsonDocument;
      if (json === undefined || json === null) {
        throw validationError(`${path}.inlineDocumentSource.jsonDocument`, 'Member must not be null');
      }
      return { text: JSON.stringify(json), document: { type: 'JSON', jsonDocument: json } };
    }
    throw validationError(
      `${path}.inlineDocumentSource.type`,
      'Member must satisfy enum value set: [TEXT, JSON]',
      documentType,
    );
  });
}
