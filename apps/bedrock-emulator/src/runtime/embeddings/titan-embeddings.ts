// Amazon Titan embeddings on InvokeModel: text v1 (1536), text v2 (1024/512/256, normalize,
// embeddingTypes) and multimodal image v1 (1024/384/256).
import { EmulatorError } from '../../http/emulator-error';
import { countTextTokens } from '../../model/prompt-tokens';
import {
  expectRecord,
  expectString,
  optionalStringArray,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';
import type { NativeAnswer } from '../native-answer';
import { embeddingVector } from './embedding-vector';

const MAX_TEXT_CHARS = 50_000;

function inputText(body: JsonRecord): string {
  const text = expectString(body.inputText, 'inputText');
  if (text.length === 0) throw EmulatorError.malformed('#/inputText: expected minLength: 1, actual: 0');
  if (text.length > MAX_TEXT_CHARS) {
    throw EmulatorError.malformed(
      `#/inputText: expected maxLength: ${MAX_TEXT_CHARS}, actual: ${text.length}`,
    );
  }
  return text;
}

export function titanEmbedTextV1(body: JsonRecord): NativeAnswer {
  rejectExtraneousKeys(body, ['inputText']);
  requireKeys(body, ['inputText']);
  const text = inputText(body);
  const tokens = Math.max(1, countTextTokens(text));
  return {
    body: { embedding: embeddingVector(text, 1536, false), inputTextTokenCount: tokens },
    inputTokens: tokens,
    outputTokens: 0,
  };
}

export function titanEmbedTextV2(body: JsonRecord): NativeAnswer {
  rejectExtraneousKeys(body, ['inputText', 'dimensions', 'normalize', 'embeddingTypes']);
  requireKeys(body, ['inputText']);
  const text = inputText(body);
  const dimensions = body.dimensions ?? 1024;
  if (dimensions !== 1024 && dimensions !== 512 && dimensions !== 256) {
    throw EmulatorError.malformed(`#/dimensions: ${JSON.stringify(dimensions)} is not a valid enum value`);
  }
  if (body.normalize !== undefined && typeof body.normalize !== 'boolean') {
    throw EmulatorError.malformed('#/normalize: expected type: Boolean');
  }
  const types =
    body.embeddingTypes === undefined
      ? ['float']
      : optionalStringArray(body.embeddingTypes, 'embeddingTypes');
  for (const type of types) {
    if (type !== 'float' && type !== 'binary')
      throw EmulatorError.malformed(`#/embeddingTypes: ${type} is not a valid enum value`);
  }
  const vector = embeddingVector(text, dimensions, body.normalize !== false);
  const byType: JsonRecord = {};
  if (types.includes('float')) byType.float = vector;
  if (types.includes('binary')) byType.binary = vector.map((value) => (value > 0 ? 1 : 0));
  const tokens = Math.max(1, countTextTokens(text));
  return {
    body: { embedding: vector, inputTextTokenCount: tokens, embeddingsByType: byType },
    inputTokens: tokens,
    outputTokens: 0,
  };
}

export function titanEmbedImage(body: JsonRecord): NativeAnswer {
  rejectExtraneousKeys(body, ['inputText', 'inputImage', 'embeddingConfig']);
  if (body.inputText === undefined && body.inputImage === undefined) {
    throw EmulatorError.malformed('#: at least one of [inputText, inputImage] is required');
  }
  const text = body.inputText === undefined ? '' : inputText(body);
  const image = body.inputImage === undefined ? '' : expectString(body.inputImage, 'inputImage');
  let length = 1024;
  if (body.embeddingConfig !== undefined) {
    const config = expectRecord(body.embeddingConfig, 'embeddingConfig');
    length = typeof config.outputEmbeddingLength === 'number' ? config.outputEmbeddingLength : 1024;
    if (![256, 384, 1024].includes(length)) {
      throw EmulatorError.malformed(
        `#/embeddingConfig/outputEmbeddingLength: ${length} is not a valid enum value`,
      );
    }
  }
  const tokens = text ? Math.max(1, countTextTokens(text)) : 0;
  return {
    body: {
      embedding: embeddingVector(text + '|' + image, length, true),
      inputTextTokenCount: tokens,
      message: null,
    },
    inputTokens: tokens,
    outputTokens: 0,
  };
}
