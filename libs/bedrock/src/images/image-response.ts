// Bedrock image answers → OpenAI's `{created, data: [{b64_json}]}`. SD3-style models answer
// {images, finish_reasons}, SDXL {artifacts: [{base64, finishReason}]}, Titan and Nova Canvas
// {images, error}. An image the model's filter withheld is a 400 like a refused prompt, not an empty
// answer.
import { OpenAIError, type ImageGenerationResponse } from '@quarry/openai';
import { roundCost } from '../pricing/cost-format';
import type { ModelPrice } from '../pricing/model-price';
import { emptyTokenUsage, type TokenUsage } from '../pricing/token-usage';
import { perImagePrice } from './image-price';
import type { ImagePlan } from './image-request';

export interface ImagesResponseMeta {
  baseModelId: string;
  price: ModelPrice | undefined;
  /** Seconds since the epoch, as OpenAI's `created`. */
  now?: number;
}

export function fromImageAnswer(
  plan: ImagePlan,
  answers: readonly unknown[],
  meta: ImagesResponseMeta,
): { response: ImageGenerationResponse; usage: TokenUsage; cost: number | undefined } {
  const images = answers.flatMap((answer) => imagesOf(plan, (answer ?? {}) as Record<string, any>));
  if (images.length === 0) throw new Error('Bedrock answered no images');
  const unitPrice = perImagePrice(plan, meta.baseModelId, meta.price);
  const cost = unitPrice === undefined ? undefined : unitPrice * images.length;
  return {
    response: {
      created: meta.now ?? Math.floor(Date.now() / 1000),
      data: images.map((b64_json) => ({ b64_json })),
      usage: { images: images.length, ...(cost !== undefined ? { cost: roundCost(cost) } : {}) },
    },
    usage: emptyTokenUsage(),
    cost,
  };
}

function imagesOf(plan: ImagePlan, body: Record<string, any>): string[] {
  if (plan.kind === 'stability-sdxl-v1' || plan.kind === 'stability-sdxl-v0') {
    const artifacts: Array<Record<string, any>> = Array.isArray(body.artifacts) ? body.artifacts : [];
    const filtered = artifacts.find((artifact) => artifact.finishReason === 'CONTENT_FILTERED');
    if (filtered) throw contentFiltered();
    return artifacts.map((artifact) => artifact.base64).filter(isImage);
  }
  if (typeof body.error === 'string' && body.error.length > 0)
    throw OpenAIError.badRequest(`The model refused the request: ${body.error}`, 'prompt', 'content_filter');
  const reasons: unknown[] = Array.isArray(body.finish_reasons) ? body.finish_reasons : [];
  if (reasons.some((reason) => typeof reason === 'string' && reason.startsWith('Filter reason')))
    throw contentFiltered();
  return (Array.isArray(body.images) ? body.images : []).filter(isImage);
}

function isImage(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function contentFiltered(): OpenAIError {
  return OpenAIError.badRequest(
    "The model's content filter withheld the image; change the prompt",
    'prompt',
    'content_filter',
  );
}
