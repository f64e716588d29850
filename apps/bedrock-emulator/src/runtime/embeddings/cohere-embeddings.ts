// Cohere Embed v3 on InvokeModel: texts (or images) in, float / int8 / uint8 / binary / ubinary out.
import { EmulatorError } from '../../http/emulator-error';
import { countTextTokens } from '../../model/prompt-tokens';
import {
  expectArray,
  expectString,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';
import type { NativeAnswer } from '../native-answer';
import { shortHash } from '../families/text-family';
import { cohereEmbeddingsByType, embeddingVector } from './embedding-vector';

const INPUT_TYPES = ['search_document', 'search_query', 'classification', 'clustering', 'image'];
const MAX_TEXTS = 96;
const MAX_TEXT_CHARS = 2048;
const DIMENSIONS = 1024;

export function cohereEmbed(body: JsonRecord): NativeAnswer {
  rejectExtraneousKeys(body, ['texts', 'images', 'input_type', 'truncate', 'embedding_types']);
  requireKeys(body, ['input_type']);
  const inputType = expectString(body.input_type, 'input_type');
  if (!INPUT_TYPES.includes(inputType))
    throw EmulatorError.malformed(`#/input_type: ${inputType} is not a valid enum value`);
  if (body.truncate !== undefined && !['NONE', 'START', 'END'].includes(String(body.truncate))) {
    throw EmulatorError.malformed(`#/truncate: ${String(body.truncate)} is not a valid enum value`);
  }
  const inputs =
    body.texts !== undefined
      ? expectArray(body.texts, 'texts').map((text, index) => expectString(text, `texts.${index}`))
      : expectArray(body.images, 'images').map((image, index) => expectString(image, `images.${index}`));
  if (inputs.length === 0 || inputs.length > MAX_TEXTS) {
    throw EmulatorError.malformed(
      `#/texts: expected between 1 and ${MAX_TEXTS} items, found ${inputs.length}`,
    );
  }
  const truncated = inputs.map((text, index) => {
    if (text.length <= MAX_TEXT_CHARS || body.images !== undefined) return text;
    if (body.truncate === 'START') return text.slice(text.length - MAX_TEXT_CHARS);
    if (body.truncate === 'END') return text.slice(0, MAX_TEXT_CHARS);
    throw EmulatorError.malformed(
      `#/texts/${index}: expected maxLength: ${MAX_TEXT_CHARS}, actual: ${text.length}`,
    );
  });
  const vectors = truncated.map((text) => embeddingVector(`${inputType}|${text}`, DIMENSIONS, true));
  const id = shortHash(truncated.join('\u0000'));
  const inputTokens = truncated.reduce((sum, text) => sum + Math.max(1, countTextTokens(text)), 0);
  const texts = body.texts !== undefined ? truncated : undefined;
  if (body.embedding_types === undefined) {
    return {
      body: { id, response_type: 'embeddings_floats', embeddings: vectors, texts },
      inputTokens,
      outputTokens: 0,
    };
  }
  const byType = cohereEmbeddingsByType(vectors, body.embedding_types);
  return {
    body: { id, response_type: 'embeddings_by_type', embeddings: byType, texts },
    inputTokens,
    outputTokens: 0,
  };
}
