// Whether a model can make the size asked for; a size it cannot is a 400 that names those it can.
import { OpenAIError, parseImageSize } from '@quarry/openai';
import {
  NOVA_CANVAS_LIMITS,
  SDXL_V0_SIDE,
  SDXL_V1_SIZES,
  STABILITY_ASPECT_RATIO_OF_SIZE,
  TITAN_IMAGE_SIZES,
  type ImageBodyKind,
} from './image-models';

export interface ImageDimensions {
  width: number;
  height: number;
}

const DEFAULT_SIZE: Readonly<Record<ImageBodyKind, string>> = {
  'stability-prompt': '1024x1024',
  'stability-sdxl-v1': '1024x1024',
  'stability-sdxl-v0': '512x512',
  'titan-image': '1024x1024',
  'nova-canvas': '1024x1024',
};

/** The width and height to ask Bedrock for (the model's default when `size` is absent). */
export function imageDimensionsFor(kind: ImageBodyKind, size: string | undefined): ImageDimensions {
  const chosen = size ?? DEFAULT_SIZE[kind];
  const dimensions = parseImageSize(chosen);
  const problem = sizeProblem(kind, chosen, dimensions);
  if (problem)
    throw OpenAIError.badRequest(`size ${chosen} is not available for this model; ${problem}`, 'size');
  return dimensions;
}

function sizeProblem(
  kind: ImageBodyKind,
  size: string,
  { width, height }: ImageDimensions,
): string | undefined {
  switch (kind) {
    case 'stability-prompt':
      return size in STABILITY_ASPECT_RATIO_OF_SIZE
        ? undefined
        : `choose one of ${Object.keys(STABILITY_ASPECT_RATIO_OF_SIZE).join(', ')} (or set aspect_ratio)`;
    case 'stability-sdxl-v1':
      return (SDXL_V1_SIZES as readonly string[]).includes(size)
        ? undefined
        : `choose one of ${SDXL_V1_SIZES.join(', ')}`;
    case 'stability-sdxl-v0': {
      const { min, max, step } = SDXL_V0_SIDE;
      const fits = (side: number) => side >= min && side <= max && side % step === 0;
      return fits(width) && fits(height)
        ? undefined
        : `width and height must each be a multiple of ${step} from ${min} to ${max}`;
    }
    case 'titan-image':
      return (TITAN_IMAGE_SIZES as readonly string[]).includes(size)
        ? undefined
        : `choose one of ${TITAN_IMAGE_SIZES.join(', ')}`;
    case 'nova-canvas': {
      const { minSide, maxSide, step, maxPixels, maxRatio } = NOVA_CANVAS_LIMITS;
      const fits = (side: number) => side >= minSide && side <= maxSide && side % step === 0;
      const ratio = Math.max(width / height, height / width);
      return fits(width) && fits(height) && width * height <= maxPixels && ratio <= maxRatio
        ? undefined
        : `width and height must each be a multiple of ${step} from ${minSide} to ${maxSide}, at most ${maxPixels} pixels in all, with an aspect ratio within 1:${maxRatio} and ${maxRatio}:1`;
    }
    default: {
      const unknown: never = kind;
      throw new Error(`unhandled image body ${String(unknown)}`);
    }
  }
}
