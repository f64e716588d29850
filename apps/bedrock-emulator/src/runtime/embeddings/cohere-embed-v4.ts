// Cohere Embed v4 on InvokeModel: texts, images (data URIs) or interleaved `inputs`, a choosable
// output_dimension (256–1536), and its answer always by type (`embeddings_by_type`, float by default).
import { EmulatorError } from '../../http/emulator-error';
import { countTextTokens } from '../../model/prompt-tokens';
import {
  expectArray,
  expectRecord,
  expectString,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';
import type { NativeAnswer } from '../native-answer';
import { shortHash } from '../families/text-family';
import { cohereEmbeddingsByType, embeddingVector } from './embedding-vector';

const INPUT_TYPES = ['search_document', 'search_query', 'classification', 'clustering'];
const DIMENSIONS = [256, 512, 1024, 1536];
const MAX_INPUTS = 96;
/** Each image counts as this many input tokens (Cohere bills images by tiles; a fixed figure here). */
const IMAGE_TOKENS = 1000;

export function cohereEmbedV4(body: JsonRecord): NativeAnswer {
  rejectExtraneousKeys(body, [
    'texts',
    'images',
    'inputs',
    'input_type',
    'embedding_types',
    'output_dimension',
    'max_tokens',
    'truncate',
  ]);
  requireKeys(body, ['input_type']);
  const inputType = expectString(body.input_type, 'input_type');
  if (!INPUT_TYPES.includes(inputType))
    throw EmulatorError.malformed(`#/input_type: ${inputType} is not a valid enum value`);
  if (body.truncate !== undefined && !['NONE', 'LEFT', 'RIGHT'].includes(String(body.truncate)))
    throw EmulatorError.malformed(`#/truncate: ${String(body.truncate)} is not a valid enum value`);
  const dimension = body.output_dimension ?? 1536;
  if (typeof dimension !== 'number' || !DIMENSIONS.includes(dimension))
    throw EmulatorError.malformed(
      `#/output_dimension: ${JSON.stringify(dimension)} is not a valid enum value`,
    );

  const inputs = inputsOf(body);
  if (inputs.length === 0 || inputs.length > MAX_INPUTS)
    throw EmulatorError.malformed(`#: expected between 1 and ${MAX_INPUTS} inputs, found ${inputs.length}`);
  const vectors = inputs.map((input) => embeddingVector(`${inputType}|${input.key}`, dimension, true));
  // v4 answers by type even when no type was asked for (float then).
  const byType = cohereEmbeddingsByType(vectors, body.embedding_types ?? ['float']);
  return {
    body: {
      id: shortHash(inputs.map((input) => input.key).join('\u0000')),
      response_type: 'embeddings_by_type',
      embeddings: byType,
      ...(body.texts !== undefined ? { texts: inputs.map((input) => input.key) } : {}),
    },
    inputTokens: inputs.reduce((sum, input) => sum + input.tokens, 0),
    outputTokens: 0,
  };
}

interface V4Input {
  key: string;
  tokens: number;
}

function inputsOf(body: JsonRecord): V4Input[] {
  const given = ['texts', 'images', 'inputs'].filter((name) => body[name] !== undefined);
  if (given.length !== 1)
    throw EmulatorError.malformed('#: exactly one of [texts, images, inputs] is required');
  if (body.texts !== undefined)
    return expectArray(body.texts, 'texts').map((text, index) => {
      const value = expectString(text, `texts.${index}`);
      return { key: value, tokens: Math.max(1, countTextTokens(value)) };
    });
  if (body.images !== undefined)
    return expectArray(body.images, 'images').map((image, index) => ({
      key: dataUri(expectString(image, `images.${index}`), `images/${index}`),
      tokens: IMAGE_TOKENS,
    }));
  return expectArray(body.inputs, 'inputs').map((input, index) => {
    const content = expectArray(expectRecord(input, `inputs.${index}`).content, `inputs.${index}.content`);
    let key = '';
    let tokens = 0;
    content.forEach((part, partIndex) => {
      const record = expectRecord(part, `inputs.${index}.content.${partIndex}`);
      if (record.type === 'text') {
        const text = expectString(record.text, `inputs.${index}.content.${partIndex}.text`);
        key += text;
        tokens += Math.max(1, countTextTokens(text));
      } else if (record.type === 'image_url') {
        key += dataUri(expectString(record.image_url, 'image_url'), `inputs/${index}/content/${partIndex}`);
        tokens += IMAGE_TOKENS;
      } else {
        throw EmulatorError.malformed(`#/inputs/${index}/content/${partIndex}/type: not a valid enum value`);
      }
    });
    return { key, tokens };
  });
}

function dataUri(value: string, path: string): string {
  if (!/^data:image\/(png|jpeg|gif|webp);base64,/.test(value))
    throw EmulatorError.malformed(`#/${path}: expected a data URI of a png, jpeg, gif or webp image`);
  return value;
}
