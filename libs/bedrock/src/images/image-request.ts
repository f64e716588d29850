// An OpenAI image generation request → the InvokeModel body for a deployment's model:
//   SD3 / SD3.5 / Stable Image Core / Ultra: {prompt, aspect_ratio, output_format, negative_prompt, seed}
//   SDXL v0 / v1: {text_prompts (negative prompt at weight -1), cfg_scale, steps, seed, width, height}
//   Titan Image Generator v1/v2, Nova Canvas: {taskType: TEXT_IMAGE, textToImageParams,
//     imageGenerationConfig: {numberOfImages, width, height, quality, cfgScale, seed}}
// Settings a model does not take are a 400 naming them, or dropped under drop_params.
import { OpenAIError, type ImageGenerationRequest } from '@quarry/openai';
import {
  imageBodyKindOf,
  MAX_IMAGES_PER_CALL,
  MAX_IMAGES_PER_REQUEST,
  STABILITY_ASPECT_RATIO_OF_SIZE,
  type ImageBodyKind,
} from './image-models';
import { imageDimensionsFor, type ImageDimensions } from './image-sizes';

export interface ImagePlan {
  kind: ImageBodyKind;
  body: Record<string, unknown>;
  /** Images asked for (priced per image). */
  count: number;
  /** InvokeModel calls that make them (each with `body`, its seed, if any, moved on by one per call). */
  calls: number;
  dimensions: ImageDimensions;
  premium: boolean;
  /** SDXL's diffusion steps (priced by steps). */
  steps?: number;
}

export interface ImageRequestOptions {
  /** Base model id (capabilities key), which decides the body. */
  baseModelId: string;
  dropParams: boolean;
}

/** Bedrock's SDXL default. */
export const SDXL_DEFAULT_STEPS = 30;

/** Which of the request's optional settings each body takes. */
const TAKES: Readonly<Record<ImageBodyKind, readonly string[]>> = {
  'stability-prompt': ['aspect_ratio', 'output_format', 'negative_prompt', 'seed'],
  'stability-sdxl-v1': ['negative_prompt', 'seed', 'cfg_scale', 'steps'],
  'stability-sdxl-v0': ['negative_prompt', 'seed', 'cfg_scale', 'steps'],
  'titan-image': ['negative_prompt', 'seed', 'cfg_scale'],
  'nova-canvas': ['negative_prompt', 'seed', 'cfg_scale'],
};
const OPTIONAL_SETTINGS = [
  'aspect_ratio',
  'output_format',
  'negative_prompt',
  'seed',
  'cfg_scale',
  'steps',
] as const;

export function toImagePlan(request: ImageGenerationRequest, options: ImageRequestOptions): ImagePlan {
  const kind = imageBodyKindOf(options.baseModelId);
  if (!kind) {
    throw OpenAIError.badRequest(
      `Model "${request.model}" is not an image generation model Quarry can call on Bedrock`,
      'model',
      'unsupported_model',
    );
  }
  const settings = takenSettings(request, kind, options.dropParams);
  const count = request.n ?? 1;
  if (count > MAX_IMAGES_PER_REQUEST[kind]) {
    throw OpenAIError.badRequest(
      `n ${count} is more than this model makes per request (at most ${MAX_IMAGES_PER_REQUEST[kind]})`,
      'n',
    );
  }
  const calls = Math.ceil(count / MAX_IMAGES_PER_CALL[kind]);
  const premium = premiumQuality(request, kind, options.dropParams);
  const usesSize = kind !== 'stability-prompt' || settings.aspect_ratio === undefined;
  const dimensions = imageDimensionsFor(kind, usesSize ? request.size : undefined);
  switch (kind) {
    case 'stability-prompt':
      return {
        kind,
        count,
        calls,
        dimensions,
        premium,
        body: {
          prompt: request.prompt,
          aspect_ratio:
            settings.aspect_ratio ??
            STABILITY_ASPECT_RATIO_OF_SIZE[`${dimensions.width}x${dimensions.height}`],
          ...pick(settings, ['output_format', 'negative_prompt', 'seed']),
        },
      };
    case 'stability-sdxl-v1':
    case 'stability-sdxl-v0': {
      const steps = (settings.steps as number | undefined) ?? SDXL_DEFAULT_STEPS;
      const negative = settings.negative_prompt;
      return {
        kind,
        count,
        calls,
        dimensions,
        premium,
        steps,
        body: {
          text_prompts: [
            { text: request.prompt, weight: 1 },
            ...(negative !== undefined ? [{ text: negative, weight: -1 }] : []),
          ],
          ...pick(settings, ['cfg_scale', 'seed']),
          steps,
          width: dimensions.width,
          height: dimensions.height,
        },
      };
    }
    case 'titan-image':
    case 'nova-canvas':
      return {
        kind,
        count,
        calls,
        dimensions,
        premium,
        body: {
          taskType: 'TEXT_IMAGE',
          textToImageParams: {
            text: request.prompt,
            ...(settings.negative_prompt !== undefined ? { negativeText: settings.negative_prompt } : {}),
          },
          imageGenerationConfig: {
            numberOfImages: count,
            width: dimensions.width,
            height: dimensions.height,
            quality: premium ? 'premium' : 'standard',
            ...(settings.cfg_scale !== undefined ? { cfgScale: settings.cfg_scale } : {}),
            ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
          },
        },
      };
    default: {
      const unknown: never = kind;
      throw new Error(`unhandled image body ${String(unknown)}`);
    }
  }
}

/** The optional settings given that this body takes; the others are a 400 unless drop_params. */
function takenSettings(
  request: ImageGenerationRequest,
  kind: ImageBodyKind,
  dropParams: boolean,
): Partial<Record<(typeof OPTIONAL_SETTINGS)[number], unknown>> {
  const taken: Partial<Record<(typeof OPTIONAL_SETTINGS)[number], unknown>> = {};
  for (const setting of OPTIONAL_SETTINGS) {
    const value = request[setting];
    if (value === undefined || value === null) continue;
    if (TAKES[kind].includes(setting)) taken[setting] = value;
    else if (!dropParams) {
      throw OpenAIError.badRequest(
        `${setting} is not supported by this model; set drop_params to drop it`,
        setting,
      );
    }
  }
  return taken;
}

/** OpenAI's `hd` (or Bedrock's `premium`) is Titan's and Nova Canvas's premium quality. */
function premiumQuality(request: ImageGenerationRequest, kind: ImageBodyKind, dropParams: boolean): boolean {
  const premium = request.quality === 'hd' || request.quality === 'premium';
  if (!premium || kind === 'titan-image' || kind === 'nova-canvas') return premium;
  if (dropParams) return false;
  throw OpenAIError.badRequest(
    `quality '${request.quality}' is not supported by this model; set drop_params to drop it`,
    'quality',
  );
}

function pick(settings: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) if (settings[key] !== undefined) picked[key] = settings[key];
  return picked;
}
