// Stability AI on InvokeModel: SD3 / SD3.5 / Stable Image Core / Ultra ({prompt} → {images, seeds,
// finish_reasons}) and SDXL 1.0 ({text_prompts} → {artifacts}). The marker word is filtered.
import { EmulatorError } from '../../http/emulator-error';
import { GUARDRAIL_MARKER } from '../../model/reply-generator';
import {
  expectArray,
  expectRecord,
  expectString,
  optionalNumber,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';
import type { NativeAnswer } from '../native-answer';
import { promptImageBase64 } from './png-image';

const ASPECT_RATIOS = ['16:9', '1:1', '21:9', '2:3', '3:2', '4:5', '5:4', '9:16', '9:21'];
const SD3_KEYS = [
  'prompt',
  'mode',
  'aspect_ratio',
  'output_format',
  'seed',
  'negative_prompt',
  'image',
  'strength',
  'model',
  'style_preset',
];

export function stabilitySd3(body: JsonRecord): NativeAnswer {
  rejectExtraneousKeys(body, SD3_KEYS);
  requireKeys(body, ['prompt']);
  const prompt = expectString(body.prompt, 'prompt');
  if (prompt.length === 0) throw EmulatorError.malformed('#/prompt: expected minLength: 1, actual: 0');
  if (body.aspect_ratio !== undefined && !ASPECT_RATIOS.includes(String(body.aspect_ratio))) {
    throw EmulatorError.malformed(`#/aspect_ratio: ${String(body.aspect_ratio)} is not a valid enum value`);
  }
  if (body.output_format !== undefined && !['png', 'jpeg', 'webp'].includes(String(body.output_format))) {
    throw EmulatorError.malformed(`#/output_format: ${String(body.output_format)} is not a valid enum value`);
  }
  if (body.mode === 'image-to-image') requireKeys(body, ['image', 'strength']);
  const seed = optionalNumber(body.seed, 'seed', { min: 0, max: 4294967294, integer: true }) ?? 0;
  if (prompt.includes(GUARDRAIL_MARKER)) {
    return {
      body: { seeds: [seed], finish_reasons: ['Filter reason: prompt'], images: [] },
      inputTokens: 0,
      outputTokens: 0,
    };
  }
  return {
    body: { seeds: [seed], finish_reasons: [null], images: [promptImageBase64(prompt, seed, 0)] },
    inputTokens: 0,
    outputTokens: 0,
  };
}

const SDXL_KEYS = [
  'text_prompts',
  'cfg_scale',
  'seed',
  'steps',
  'width',
  'height',
  'samples',
  'style_preset',
  'sampler',
  'clip_guidance_preset',
  'init_image',
  'init_image_mode',
  'image_strength',
  'mask_source',
  'mask_image',
  'extras',
];

export function stabilitySdxl(body: JsonRecord): NativeAnswer {
  rejectExtraneousKeys(body, SDXL_KEYS);
  requireKeys(body, ['text_prompts']);
  const prompts = expectArray(body.text_prompts, 'text_prompts').map((item, index) => {
    const prompt = expectRecord(item, `text_prompts.${index}`);
    return {
      text: expectString(prompt.text, `text_prompts.${index}.text`),
      weight: typeof prompt.weight === 'number' ? prompt.weight : 1,
    };
  });
  if (prompts.length === 0)
    throw EmulatorError.malformed('#/text_prompts: expected minimum item count: 1, found: 0');
  const positive = prompts
    .filter((prompt) => prompt.weight >= 0)
    .map((prompt) => prompt.text)
    .join(' ');
  const seed = optionalNumber(body.seed, 'seed', { min: 0, max: 4294967295, integer: true }) ?? 0;
  const samples = optionalNumber(body.samples, 'samples', { min: 1, max: 1, integer: true }) ?? 1;
  for (const side of ['width', 'height'] as const) {
    const value = optionalNumber(body[side], side, { min: 320, max: 1536, integer: true });
    if (value !== undefined && value % 64 !== 0)
      throw EmulatorError.malformed(`#/${side}: ${value} is not a multiple of 64`);
  }
  const filtered = positive.includes(GUARDRAIL_MARKER);
  const artifacts = Array.from({ length: samples }, (_, index) => ({
    seed,
    base64: filtered ? '' : promptImageBase64(positive, seed, index),
    finishReason: filtered ? 'CONTENT_FILTERED' : 'SUCCESS',
  }));
  return { body: { result: 'success', artifacts }, inputTokens: 0, outputTokens: 0 };
}
