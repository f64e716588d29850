// Stability AI Image Services on InvokeModel (inpaint, erase, remove background, search and recolor or
// replace, style guide and transfer, control sketch and structure, outpaint, the three upscalers):
// each checks the fields Bedrock's schema requires for that service and answers the Stability shape
// {seeds, finish_reasons, images} with one image. The marker word in a prompt is filtered.
import type { FoundationModel } from '../../catalogue/foundation-model';
import { EmulatorError } from '../../http/emulator-error';
import { GUARDRAIL_MARKER } from '../../model/reply-generator';
import {
  expectString,
  optionalNumber,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';
import type { NativeAnswer } from '../native-answer';
import { promptImageBase64 } from './png-image';

interface EditService {
  required: string[];
  optional: string[];
}

const COMMON = ['seed', 'output_format'];
const PROMPTED = ['negative_prompt', 'style_preset', ...COMMON];

/** Required and optional body fields per service (AWS's Stability AI Image Services reference). */
const SERVICES: Record<string, EditService> = {
  'stable-image-inpaint': { required: ['image', 'prompt'], optional: ['mask', 'grow_mask', ...PROMPTED] },
  'stable-image-erase-object': { required: ['image'], optional: ['mask', 'grow_mask', ...COMMON] },
  'stable-image-remove-background': { required: ['image'], optional: ['output_format'] },
  'stable-image-search-recolor': {
    required: ['image', 'prompt', 'select_prompt'],
    optional: ['grow_mask', ...PROMPTED],
  },
  'stable-image-search-replace': {
    required: ['image', 'prompt', 'search_prompt'],
    optional: ['grow_mask', ...PROMPTED],
  },
  'stable-image-style-guide': {
    required: ['image', 'prompt'],
    optional: ['aspect_ratio', 'fidelity', ...PROMPTED],
  },
  'stable-style-transfer': {
    required: ['init_image', 'style_image'],
    optional: [
      'prompt',
      'negative_prompt',
      'style_strength',
      'composition_fidelity',
      'change_strength',
      ...COMMON,
    ],
  },
  'stable-image-control-sketch': {
    required: ['image', 'prompt'],
    optional: ['control_strength', ...PROMPTED],
  },
  'stable-image-control-structure': {
    required: ['image', 'prompt'],
    optional: ['control_strength', ...PROMPTED],
  },
  'stable-outpaint': {
    required: ['image'],
    optional: ['left', 'right', 'up', 'down', 'creativity', 'prompt', 'style_preset', ...COMMON],
  },
  'stable-conservative-upscale': { required: ['image', 'prompt'], optional: ['creativity', ...PROMPTED] },
  'stable-creative-upscale': { required: ['image', 'prompt'], optional: ['creativity', ...PROMPTED] },
  'stable-fast-upscale': { required: ['image'], optional: ['output_format'] },
};

const IMAGE_FIELDS = ['image', 'mask', 'init_image', 'style_image'];
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** `stability.stable-image-inpaint-v1:0` → `stable-image-inpaint`. */
export function editServiceName(modelId: string): string {
  return modelId.replace(/^stability\./, '').replace(/-v\d+:\d+$/, '');
}

export function stabilityEdit(body: JsonRecord, model: FoundationModel): NativeAnswer {
  const service = SERVICES[editServiceName(model.modelId)];
  if (!service)
    throw EmulatorError.validation("The provided model doesn't support the InvokeModel operation.");
  rejectExtraneousKeys(body, [...service.required, ...service.optional]);
  requireKeys(body, service.required);
  for (const field of IMAGE_FIELDS) {
    if (body[field] === undefined) continue;
    const image = expectString(body[field], field);
    if (image.length === 0 || !BASE64.test(image))
      throw EmulatorError.malformed(`#/${field}: expected a base64-encoded image`);
  }
  if (body.output_format !== undefined && !['png', 'jpeg', 'webp'].includes(String(body.output_format))) {
    throw EmulatorError.malformed(`#/output_format: ${String(body.output_format)} is not a valid enum value`);
  }
  if (service.required.includes('prompt') && expectString(body.prompt, 'prompt').length === 0)
    throw EmulatorError.malformed('#/prompt: expected minLength: 1, actual: 0');
  const seed = optionalNumber(body.seed, 'seed', { min: 0, max: 4294967294, integer: true }) ?? 0;
  const prompt = typeof body.prompt === 'string' ? body.prompt : '';
  if (prompt.includes(GUARDRAIL_MARKER))
    return {
      body: { seeds: [seed], finish_reasons: ['Filter reason: prompt'], images: [] },
      inputTokens: 0,
      outputTokens: 0,
    };
  const source = String(body.image ?? body.init_image);
  const image = promptImageBase64(`${model.modelId}|${prompt}|${source.slice(0, 64)}`, seed, 0);
  return {
    body: { seeds: [seed], finish_reasons: [null], images: [image] },
    inputTokens: 0,
    outputTokens: 0,
  };
}
