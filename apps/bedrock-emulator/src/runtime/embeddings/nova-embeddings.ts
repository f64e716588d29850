// Amazon Nova Multimodal Embeddings on InvokeModel (synchronous): one text or one image per call
// (SINGLE_EMBEDDING), a purpose, and 256/384/1024/3072 dimensions (3072 by default).
import { EmulatorError } from '../../http/emulator-error';
import { countTextTokens } from '../../model/prompt-tokens';
import {
  expectRecord,
  expectString,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';
import type { NativeAnswer } from '../native-answer';
import { embeddingVector } from './embedding-vector';

const PURPOSES = [
  'GENERIC_INDEX',
  'GENERIC_RETRIEVAL',
  'TEXT_RETRIEVAL',
  'IMAGE_RETRIEVAL',
  'VIDEO_RETRIEVAL',
  'DOCUMENT_RETRIEVAL',
  'AUDIO_RETRIEVAL',
  'CLASSIFICATION',
  'CLUSTERING',
];
const DIMENSIONS = [256, 384, 1024, 3072];
const IMAGE_FORMATS = ['png', 'jpeg', 'gif', 'webp'];
const IMAGE_TOKENS = 800;

export function novaEmbed(body: JsonRecord): NativeAnswer {
  rejectExtraneousKeys(body, ['schemaVersion', 'taskType', 'singleEmbeddingParams']);
  requireKeys(body, ['taskType', 'singleEmbeddingParams']);
  if (body.schemaVersion !== undefined && body.schemaVersion !== 'nova-multimodal-embed-v1')
    throw EmulatorError.malformed('#/schemaVersion: not a valid enum value');
  if (body.taskType !== 'SINGLE_EMBEDDING')
    throw EmulatorError.validation('Synchronous invocations support only taskType SINGLE_EMBEDDING.');
  const params = expectRecord(body.singleEmbeddingParams, 'singleEmbeddingParams');
  rejectExtraneousKeys(
    params,
    ['embeddingPurpose', 'embeddingDimension', 'text', 'image'],
    '#/singleEmbeddingParams',
  );
  requireKeys(params, ['embeddingPurpose'], '#/singleEmbeddingParams');
  const purpose = expectString(params.embeddingPurpose, 'singleEmbeddingParams.embeddingPurpose');
  if (!PURPOSES.includes(purpose))
    throw EmulatorError.malformed(
      `#/singleEmbeddingParams/embeddingPurpose: ${purpose} is not a valid enum value`,
    );
  const dimension = params.embeddingDimension ?? 3072;
  if (typeof dimension !== 'number' || !DIMENSIONS.includes(dimension))
    throw EmulatorError.malformed(
      `#/singleEmbeddingParams/embeddingDimension: ${JSON.stringify(dimension)} is not a valid enum value`,
    );
  if ((params.text === undefined) === (params.image === undefined))
    throw EmulatorError.malformed('#/singleEmbeddingParams: exactly one of [text, image] is required');
  const { key, tokens, type } = params.text !== undefined ? textInput(params.text) : imageInput(params.image);
  return {
    body: {
      embeddings: [{ embeddingType: type, embedding: embeddingVector(`${purpose}|${key}`, dimension, true) }],
    },
    inputTokens: tokens,
    outputTokens: 0,
  };
}

function textInput(value: unknown) {
  const text = expectRecord(value, 'singleEmbeddingParams.text');
  rejectExtraneousKeys(text, ['truncationMode', 'value', 'source'], '#/singleEmbeddingParams/text');
  requireKeys(text, ['truncationMode', 'value'], '#/singleEmbeddingParams/text');
  if (!['START', 'END', 'NONE'].includes(String(text.truncationMode)))
    throw EmulatorError.malformed('#/singleEmbeddingParams/text/truncationMode: not a valid enum value');
  const content = expectString(text.value, 'singleEmbeddingParams.text.value');
  if (content.length === 0)
    throw EmulatorError.malformed('#/singleEmbeddingParams/text/value: expected minLength: 1');
  return { key: content, tokens: Math.max(1, countTextTokens(content)), type: 'TEXT' };
}

function imageInput(value: unknown) {
  const image = expectRecord(value, 'singleEmbeddingParams.image');
  rejectExtraneousKeys(image, ['format', 'source', 'detailLevel'], '#/singleEmbeddingParams/image');
  requireKeys(image, ['format', 'source'], '#/singleEmbeddingParams/image');
  if (!IMAGE_FORMATS.includes(String(image.format)))
    throw EmulatorError.malformed('#/singleEmbeddingParams/image/format: not a valid enum value');
  const source = expectRecord(image.source, 'singleEmbeddingParams.image.source');
  const bytes = expectString(source.bytes, 'singleEmbeddingParams.image.source.bytes');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(bytes))
    throw EmulatorError.malformed('#/singleEmbeddingParams/image/source/bytes: not base64');
  return { key: bytes, tokens: IMAGE_TOKENS, type: 'IMAGE' };
}
