// RetrieveAndGenerate: POST /retrieveAndGenerate. The "generation" quotes the best passage, so the
// answer and its citation can be checked against the same corpus Retrieve returns.
import { randomUUID } from 'node:crypto';

import { resolveModel } from '../catalogue/model-resolver';
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from '../http/types';
import {
  expectNonEmptyString,
  expectRecord,
  isRecord,
  optionalArray,
  optionalRecord,
  optionalString,
  parseJsonBody,
  type JsonRecord,
} from '../service-support/request-body';
import { answerLeadingFaults, SERVICE_FAULTS } from '../service-support/request-faults';
import { invalid, notFound, validationError } from '../service-support/service-error';
import { asReference, searchKnowledgeBase } from './knowledge-base';
import { rankDocuments } from './relevance';
import { checkKnowledgeBase } from './resource-rules';
import { numberOfResultsIn } from './retrieve.handler';

interface Reference {
  content: { text: string };
  location: unknown;
  metadata?: Record<string, unknown>;
}

export async function retrieveAndGenerate(
  request: EmulatorRequest,
  response: EmulatorResponse,
  context: EmulatorContext,
): Promise<void> {
  const body = parseJsonBody(request.body);
  const question = expectNonEmptyString(expectRecord(body.input, 'input').text, 'input.text');
  const sessionId = optionalString(body.sessionId, 'sessionId') ?? randomUUID();
  const configuration = expectRecord(
    body.retrieveAndGenerateConfiguration,
    'retrieveAndGenerateConfiguration',
  );
  const references = referencesFor(configuration, question);
  if (await answerLeadingFaults(context.faults, context, response, request.signal, SERVICE_FAULTS)) return;

  const best = references[0];
  const text = best ? `Answer to "${question}": ${best.content.text}` : `No passage answers "${question}".`;
  response.json({
    sessionId,
    output: { text },
    citations: best
      ? [
          {
            generatedResponsePart: { textResponsePart: { text, span: { start: 0, end: text.length - 1 } } },
            retrievedReferences: references,
          },
        ]
      : [],
  });
}

function referencesFor(configuration: JsonRecord, question: string): Reference[] {
  const type = expectNonEmptyString(configuration.type, 'retrieveAndGenerateConfiguration.type');
  if (type === 'KNOWLEDGE_BASE') {
    const path = 'retrieveAndGenerateConfiguration.knowledgeBaseConfiguration';
    const knowledgeBase = expectRecord(configuration.knowledgeBaseConfiguration, path);
    const knowledgeBaseId = expectNonEmptyString(knowledgeBase.knowledgeBaseId, `${path}.knowledgeBaseId`);
    checkGenerationModel(expectNonEmptyString(knowledgeBase.modelArn, `${path}.modelArn`));
    checkKnowledgeBase(knowledgeBaseId, `${path}.knowledgeBaseId`);
    const count = Math.min(
      3,
      numberOfResultsIn(knowledgeBase.retrievalConfiguration, `${path}.retrievalConfiguration`),
    );
    return searchKnowledgeBase(knowledgeBaseId, question, count).map(asReference);
  }
  if (type === 'EXTERNAL_SOURCES') {
    const path = 'retrieveAndGenerateConfiguration.externalSourcesConfiguration';
    const external = expectRecord(configuration.externalSourcesConfiguration, path);
    checkGenerationModel(expectNonEmptyString(external.modelArn, `${path}.modelArn`));
    const sources = (optionalArray(external.sources, `${path}.sources`) ?? []).map((source, index) =>
      externalReference(source, `${path}.sources.${index + 1}`),
    );
    if (sources.length === 0)
      throw validationError(`${path}.sources`, 'Member must have length greater than or equal to 1');
    return rankDocuments(
      question,
      sources.map((source) => source.content.text),
    ).map(({ index }) => sources[index]);
  }
  throw validationError(
    'retrieveAndGenerateConfiguration.type',
    'Member must satisfy enum value set: [KNOWLEDGE_BASE, EXTERNAL_SOURCES]',
    type,
  );
}

/** The generating model must be a known text model (any id or ARN form the runtime accepts). */
function checkGenerationModel(modelArn: string): void {
  const resolution = resolveModel(modelArn);
  if (!resolution.ok) throw notFound(resolution.message);
  if (!resolution.model.operations.converse) {
    throw invalid(`The provided model ${resolution.model.modelId} doesn't support text generation.`);
  }
}

/** A BYTE_CONTENT source is read (base64 text); an S3 source is cited by its URI only. */
function externalReference(source: unknown, path: string): Reference {
  if (!isRecord(source)) throw validationError(path, 'Member must be an object', source);
  const sourceType = expectNonEmptyString(source.sourceType, `${path}.sourceType`);
  if (sourceType === 'BYTE_CONTENT') {
    const content = expectRecord(source.byteContent, `${path}.byteContent`);
    const identifier = expectNonEmptyString(content.identifier, `${path}.byteContent.identifier`);
    const data = expectNonEmptyString(content.data, `${path}.byteContent.data`);
    return {
      content: { text: Buffer.from(data, 'base64').toString('utf8') },
      location: { type: 'CUSTOM', customDocumentLocation: { id: identifier } },
    };
  }
  if (sourceType === 'S3') {
    const location: JsonRecord | undefined = optionalRecord(source.s3Location, `${path}.s3Location`);
    const uri = location ? expectNonEmptyString(location.uri, `${path}.s3Location.uri`) : undefined;
    if (uri === undefined) throw validationError(`${path}.s3Location`, 'Member must not be null');
    return { content: { text: uri }, location: { type: 'S3', s3Location: { uri } } };
  }
  throw validationError(
    `${path}.sourceType`,
    'Member must satisfy enum value set: [S3, BYTE_CONTENT]',
    sourceType,
  );
}
