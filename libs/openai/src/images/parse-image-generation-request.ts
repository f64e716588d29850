// Strict validation of what clients send to /v1/images/generations; every failure is a 400 naming the
// field. Whether a model can make a size is the translation's business (it knows the model).
import { OpenAIError } from '../errors';
import {
  checkOptionalBoolean,
  checkOptionalEnum,
  checkOptionalInteger,
  checkOptionalNumber,
  checkOptionalString,
  describeValue,
  expectNonEmptyString,
  invalid,
  isRecord,
} from '../request-value-checks';
import type { ImageGenerationRequest } from './image-generation-request';

const SIZE = /^(\d{2,5})x(\d{2,5})$/;

export function parseImageGenerationRequest(body: unknown): ImageGenerationRequest {
  if (!isRecord(body)) invalid(`The request body must be a JSON object, got ${describeValue(body)}`, null);
  expectNonEmptyString(body.model, 'model');
  expectNonEmptyString(body.prompt, 'prompt');
  checkOptionalInteger(body.n, 'n', 1, 10);
  checkOptionalString(body.size, 'size');
  if (typeof body.size === 'string' && !SIZE.test(body.size))
    invalid(`size must be <width>x<height> in pixels, such as 1024x1024, got '${body.size}'`, 'size');
  checkOptionalEnum(body.quality, 'quality', ['standard', 'hd', 'premium', 'auto']);
  if (body.response_format === 'url') {
    throw OpenAIError.badRequest(
      "response_format 'url' is not supported: Bedrock returns the image itself; ask for 'b64_json'",
      'response_format',
    );
  }
  checkOptionalEnum(body.response_format, 'response_format', ['b64_json']);
  checkOptionalString(body.user, 'user');
  checkOptionalEnum(body.output_format, 'output_format', ['png', 'jpeg', 'webp']);
  checkOptionalString(body.aspect_ratio, 'aspect_ratio');
  checkOptionalString(body.negative_prompt, 'negative_prompt');
  checkOptionalInteger(body.seed, 'seed', 0, 4294967295);
  checkOptionalNumber(body.cfg_scale, 'cfg_scale', 0, 35);
  checkOptionalInteger(body.steps, 'steps', 10, 150);
  checkOptionalBoolean(body.drop_params, 'drop_params');
  return body as ImageGenerationRequest;
}

/** `1024x512` → width 1024, height 512 (width first, as OpenAI and LiteLLM read it). */
export function parseImageSize(size: string): { width: number; height: number } {
  const match = SIZE.exec(size);
  if (!match) invalid(`size must be <width>x<height> in pixels, got '${size}'`, 'size');
  return { width: Number(match[1]), height: Number(match[2]) };
}
