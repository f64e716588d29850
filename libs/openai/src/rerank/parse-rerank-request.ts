// Strict validation of what clients send to /rerank; every failure is a 400 naming the field.
import {
  checkOptionalBoolean,
  checkOptionalInteger,
  checkOptionalString,
  describeValue,
  expectNonEmptyString,
  invalid,
  isAbsent,
  isRecord,
} from '../request-value-checks';
import type { RerankRequest } from './rerank-request';

/** Bedrock's Rerank takes at most this many sources per query. */
export const MAX_RERANK_DOCUMENTS = 1000;

export function parseRerankRequest(body: unknown): RerankRequest {
  if (!isRecord(body)) invalid(`The request body must be a JSON object, got ${describeValue(body)}`, null);
  expectNonEmptyString(body.model, 'model');
  expectNonEmptyString(body.query, 'query');
  checkDocuments(body.documents);
  checkOptionalInteger(body.top_n, 'top_n', 1);
  checkOptionalBoolean(body.return_documents, 'return_documents');
  checkOptionalInteger(body.max_chunks_per_doc, 'max_chunks_per_doc', 1);
  checkOptionalString(body.user, 'user');
  if (!isAbsent(body.rank_fields)) {
    const fields = body.rank_fields;
    if (!Array.isArray(fields) || fields.length === 0 || !fields.every((field) => typeof field === 'string'))
      invalid('rank_fields must be a non-empty list of field names', 'rank_fields');
  }
  return body as RerankRequest;
}

function checkDocuments(documents: unknown): void {
  if (!Array.isArray(documents) || documents.length === 0)
    invalid(`documents must be a non-empty list, got ${describeValue(documents)}`, 'documents');
  if (documents.length > MAX_RERANK_DOCUMENTS)
    invalid(
      `documents has ${documents.length} items; at most ${MAX_RERANK_DOCUMENTS} are allowed`,
      'documents',
    );
  documents.forEach((document, index) => {
    const param = `documents[${index}]`;
    if (typeof document === 'string') {
      if (document.length === 0) invalid(`${param} must not be empty`, param);
    } else if (!isRecord(document)) {
      invalid(`${param} must be a string or an object, got ${describeValue(document)}`, param);
    }
  });
}
