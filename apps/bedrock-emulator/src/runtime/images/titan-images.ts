// Amazon Titan Image Generator v1/v2 and Nova Canvas on InvokeModel: {taskType, textToImageParams,
// imageGenerationConfig} → {images, error}. The marker word is refused like a content filter.
import { EmulatorError } from '../../http/emulator-error';
import { GUARDRAIL_MARKER } from '../../model/reply-generator';
import {
  expectRecord,
  expectString,
  optionalNumber,
  rejectExtraneousKeys,
  requireKeys,
  type JsonRecord,
} from '../../service-support/request-body';
import type { NativeAnswer } from '../native-answer';
import { promptImageBase64 } from './png-image';

const TASK_PARAMS: Record<string, string> = {
  TEXT_IMAGE: 'textToImageParams',
  IMAGE_VARIATION: 'imageVariationParams',
  INPAINTING: 'inPaintingParams',
  OUTPAINTING: 'outPaintingParams',
  COLOR_GUIDED_GENERATION: 'colorGuidedGenerationParams',
  BACKGROUND_REMOVAL: 'backgroundRemovalParams',
  VIRTUAL_TRY_ON: 'virtualTryOnParams',
};

export function titanImage(body: JsonRecord): NativeAnswer {
  rejectExtraneousKeys(body, ['taskType', 'imageGenerationConfig', ...Object.values(TASK_PARAMS)]);
  requireKeys(body, ['taskType']);
  const taskType = expectString(body.taskType, 'taskType');
  const paramsKey = TASK_PARAMS[taskType];
  if (!paramsKey) throw EmulatorError.malformed(`#/taskType: ${taskType} is not a valid enum value`);
  requireKeys(body, [paramsKey]);
  const params = expectRecord(body[paramsKey], paramsKey);
  const text =
    typeof params.text === 'string' ? params.text : typeof params.prompt === 'string' ? params.prompt : '';
  if (taskType === 'TEXT_IMAGE' && text.length === 0)
    throw EmulatorError.malformed(`#/${paramsKey}: required key [text] not found`);
  const config =
    body.imageGenerationConfig === undefined
      ? {}
      : expectRecord(body.imageGenerationConfig, 'imageGenerationConfig');
  const count =
    optionalNumber(config.numberOfImages, 'imageGenerationConfig.numberOfImages', {
      min: 1,
      max: 5,
      integer: true,
    }) ?? 1;
  const seed =
    optionalNumber(config.seed, 'imageGenerationConfig.seed', { min: 0, max: 2147483646, integer: true }) ??
    42;
  if (config.quality !== undefined && config.quality !== 'standard' && config.quality !== 'premium') {
    throw EmulatorError.malformed(
      `#/imageGenerationConfig/quality: ${String(config.quality)} is not a valid enum value`,
    );
  }
  if (text.includes(GUARDRAIL_MARKER)) {
    throw EmulatorError.validation(
      'This request has been blocked by our content filters. Please adjust your text prompt to submit a new request.',
    );
  }
  const images = Array.from({ length: count }, (_, index) =>
    promptImageBase64(text || taskType, seed, index),
  );
  return { body: { images, error: null }, inputTokens: 0, outputTokens: 0 };
}
