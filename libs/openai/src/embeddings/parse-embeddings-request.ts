// Strict validation of what clients send to /v1/embeddings; every failure is a 400 naming the field.
// Token-id inputs (arrays of integers) are OpenAI-model specific: Bedrock's embedding models take text
// (and images as data URLs), so they are refused with a message that says so.
import {
  checkOptionalBoolean,
  checkOptionalEnum,
  checkOptionalInteger,
  checkOptionalString,
  describeValue,
  expectNonEmptyString,
  invalid,
  isAbsent,
  isRecord,
} from '../request-value-checks';
import type { EmbeddingsRequest } from './embeddings-request';

/** OpenAI's own cap on inputs per request. */
export const MAX_EMBEDDING_INPUTS = 2048;

export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  if (!isRecord(body)) invalid(`The request body must be a JSON object, got ${describeValue(body)}`, null);
  expectNonEmptyString(body.model, 'model');
  body.input = parseInput(body.input);
  checkOptionalEnum(body.encoding_format, 'encoding_format', ['float', 'base64']);
  checkOptionalInteger(body.dimensions, 'dimensions', 1);
  checkOptionalString(body.user, 'user');
  checkOptionalString(body.input_type, 'input_type');
  checkOptionalEnum(body.truncate, 'truncate', ['NONE', 'START', 'END', 'LEFT', 'RIGHT']);
  checkOptionalBoolean(body.normalize, 'normalize');
  checkOptionalBoolean(body.drop_params, 'drop_params');
  return body as EmbeddingsRequest;
}

function parseInput(input: unknown): string[] {
  if (typeof input === 'string') {
    if (input.length === 0) invalid('input must not be empty', 'input');
    return [input];
  }
  if (isAbsent(input) || !Array.isArray(input)) {
    invalid(`input must be a string or an array of strings, got ${describeValue(input)}`, 'input');
  }
  if (input.length === 0) invalid('input must contain at least one string', 'input');
  if (input.length > MAX_EMBEDDING_INPUTS)
    invalid(`input has ${input.length} items; at most ${MAX_EMBEDDING_INPUTS} are allowed`, 'input');
  for (let index = 0; index < input.length; index++) {
    const item = input[index];
    if (typeof item === 'number' || Array.isArray(item)) {
      invalid(
        'input as token ids is not supported: Bedrock embedding models take text (or images as data URLs)',
        `input[${index}]`,
      );
    }
    if (typeof item !== 'string')
      invalid(`input[${index}] must be a string, got ${describeValue(item)}`, `input[${index}]`);
    if (item.length === 0) invalid(`input[${index}] must not be empty`, `input[${index}]`);
  }
  return input as string[];
}
