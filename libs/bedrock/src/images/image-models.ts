// Which request body an image model takes on InvokeModel, by its base model id, and the sizes each can
// make (from the Bedrock model documentation pages).

export type ImageBodyKind =
  'stability-prompt' | 'stability-sdxl-v1' | 'stability-sdxl-v0' | 'titan-image' | 'nova-canvas';

export function imageBodyKindOf(baseModelId: string): ImageBodyKind | undefined {
  if (/^stability\.(sd3-|sd3-5-|stable-image-(core|ultra)-)/.test(baseModelId)) return 'stability-prompt';
  if (baseModelId.startsWith('stability.stable-diffusion-xl-v1')) return 'stability-sdxl-v1';
  if (baseModelId.startsWith('stability.stable-diffusion-xl-v0')) return 'stability-sdxl-v0';
  if (baseModelId.startsWith('amazon.titan-image-generator-v')) return 'titan-image';
  if (baseModelId.startsWith('amazon.nova-canvas-v')) return 'nova-canvas';
  return undefined;
}

/**
 * SD3, SD3.5, Stable Image Core and Ultra take an aspect ratio, not pixels: each OpenAI size they
 * accept picks the ratio whose SD3 output it is.
 */
export const STABILITY_ASPECT_RATIO_OF_SIZE: Readonly<Record<string, string>> = {
  '1024x1024': '1:1',
  '1344x768': '16:9',
  '1536x640': '21:9',
  '832x1216': '2:3',
  '1216x832': '3:2',
  '896x1088': '4:5',
  '1088x896': '5:4',
  '768x1344': '9:16',
  '640x1536': '9:21',
};

/** SDXL 1.0 makes exactly these (width x height). */
export const SDXL_V1_SIZES = [
  '1024x1024',
  '1152x896',
  '1216x832',
  '1344x768',
  '1536x640',
  '640x1536',
  '768x1344',
  '832x1216',
  '896x1152',
] as const;

/** SDXL 0.8: any multiple of 64 per side in this range. */
export const SDXL_V0_SIDE = { min: 320, max: 1536, step: 64 } as const;

/** Titan Image Generator v1 and v2 make exactly these (width x height). */
export const TITAN_IMAGE_SIZES = [
  '1024x1024',
  '768x768',
  '512x512',
  '768x1152',
  '384x576',
  '1152x768',
  '576x384',
  '768x1280',
  '384x640',
  '1280x768',
  '640x384',
  '896x1152',
  '448x576',
  '1152x896',
  '576x448',
  '768x1408',
  '384x704',
  '1408x768',
  '704x384',
  '640x1408',
  '320x704',
  '1408x640',
  '704x320',
  '1152x640',
  '1173x640',
] as const;

/** Nova Canvas: each side 320–4096 and a multiple of 16, at most 4,194,304 pixels, ratio within 1:4–4:1. */
export const NOVA_CANVAS_LIMITS = {
  minSide: 320,
  maxSide: 4096,
  step: 16,
  maxPixels: 4_194_304,
  maxRatio: 4,
} as const;

/** Images per request: Titan and Nova Canvas make up to 5 in one call; Stability makes one per call,
 * so `n` Stability images are `n` calls, up to OpenAI's own cap of 10. */
export const MAX_IMAGES_PER_REQUEST: Readonly<Record<ImageBodyKind, number>> = {
  'stability-prompt': 10,
  'stability-sdxl-v1': 10,
  'stability-sdxl-v0': 10,
  'titan-image': 5,
  'nova-canvas': 5,
};

export const MAX_IMAGES_PER_CALL: Readonly<Record<ImageBodyKind, number>> = {
  'stability-prompt': 1,
  'stability-sdxl-v1': 1,
  'stability-sdxl-v0': 1,
  'titan-image': 5,
  'nova-canvas': 5,
};
