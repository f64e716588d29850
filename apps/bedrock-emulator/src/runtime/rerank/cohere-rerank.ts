// Rerank models on InvokeModel ({query, documents, top_n} → {results:[{index, relevance_score}]}):
// the score is the share of query words found in the document, so results are predictable.
import { EmulatorError } from '../../http/emulator-error';
import { countTextTokens } from '../../model/prompt-tokens';
import {
  expectArray,
  expectString,
  isRecord,
  optionalNumber,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';
import type { NativeAnswer } from '../native-answer';
import { shortHash } from '../families/text-family';

export function relevanceScore(query: string, document: string): number {
  const words = query.toLowerCase().split(/\W+/).filter(Boolean);
  const text = document.toLowerCase();
  if (words.length === 0) return 0;
  const found = words.filter((word) => text.includes(word)).length;
  return Math.round((found / words.length) * 0.98 * 1e6) / 1e6 + 0.01;
}

export function cohereRerank(body: JsonRecord): NativeAnswer {
  rejectExtraneousKeys(body, [
    'query',
    'documents',
    'top_n',
    'api_version',
    'return_documents',
    'max_chunks_per_doc',
    'rank_fields',
  ]);
  requireKeys(body, ['query', 'documents']);
  const query = expectString(body.query, 'query');
  const documents = expectArray(body.documents, 'documents').map((document) =>
    typeof document === 'string'
      ? document
      : isRecord(document)
        ? JSON.stringify(document)
        : String(document),
  );
  if (documents.length === 0)
    throw EmulatorError.malformed('#/documents: expected minimum item count: 1, found: 0');
  const topN = optionalNumber(body.top_n, 'top_n', { min: 1, integer: true }) ?? documents.length;
  const results = documents
    .map((document, index) => ({ index, relevance_score: relevanceScore(query, document) }))
    .sort((left, right) => right.relevance_score - left.relevance_score || left.index - right.index)
    .slice(0, topN);
  const inputTokens =
    countTextTokens(query) + documents.reduce((sum, document) => sum + countTextTokens(document), 0);
  return { body: { id: shortHash(query + documents.join()), results }, inputTokens, outputTokens: 0 };
}
