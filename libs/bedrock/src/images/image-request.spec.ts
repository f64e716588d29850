import { OpenAIError, parseImageGenerationRequest } from '@quarry/openai';
import { perImagePrice, sdxlPriceKey } from './image-price';
import { toImagePlan } from './image-request';
import { priceFor } from '../pricing/price-table';

function plan(body: Record<string, unknown>, baseModelId: string, dropParams = false) {
  return toImagePlan(parseImageGenerationRequest({ model: 'm', prompt: 'a cat', ...body }), {
    baseModelId,
    dropParams,
  });
}

function paramOf(body: Record<string, unknown>, baseModelId: string): string | null | undefined {
  try {
    plan(body, baseModelId);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(OpenAIError);
    return (error as OpenAIError).param;
  }
}

describe('toImagePlan', () => {
  it('reads size as width x height for SDXL (128x512 is width 128, height 512 on v0 rules)', () => {
    const v1 = plan(
      { size: '640x1536', seed: 30, cfg_scale: 7, negative_prompt: 'dogs' },
      'stability.stable-diffusion-xl-v1',
    );
    expect(v1.body).toEqual({
      text_prompts: [
        { text: 'a cat', weight: 1 },
        { text: 'dogs', weight: -1 },
      ],
      cfg_scale: 7,
      seed: 30,
      steps: 30,
      width: 640,
      height: 1536,
    });
    expect(paramOf({ size: '128x512' }, 'stability.stable-diffusion-xl-v1')).toBe('size');
    expect(plan({ size: '384x512' }, 'stability.stable-diffusion-xl-v0').body).toMatchObject({
      width: 384,
      height: 512,
    });
  });

  it('gives SD3-style models an aspect ratio from size, or the one asked for', () => {
    expect(plan({ size: '768x1344', output_format: 'jpeg' }, 'stability.sd3-large-v1:0').body).toEqual({
      prompt: 'a cat',
      aspect_ratio: '9:16',
      output_format: 'jpeg',
    });
    expect(plan({ aspect_ratio: '21:9' }, 'stability.stable-image-ultra-v1:1').body).toMatchObject({
      aspect_ratio: '21:9',
    });
  });

  it('builds Titan and Nova Canvas TEXT_IMAGE bodies, hd as premium', () => {
    expect(
      plan(
        { n: 2, size: '512x512', quality: 'hd', cfg_scale: 8, seed: 3, negative_prompt: 'rain' },
        'amazon.titan-image-generator-v1',
      ).body,
    ).toEqual({
      taskType: 'TEXT_IMAGE',
      textToImageParams: { text: 'a cat', negativeText: 'rain' },
      imageGenerationConfig: {
        numberOfImages: 2,
        width: 512,
        height: 512,
        quality: 'premium',
        cfgScale: 8,
        seed: 3,
      },
    });
    expect(plan({ size: '2048x1024' }, 'amazon.nova-canvas-v1:0').dimensions).toEqual({
      width: 2048,
      height: 1024,
    });
  });

  it.each([
    [{ n: 11 }, 'stability.sd3-large-v1:0', 'n'],
    [{ n: 6 }, 'amazon.titan-image-generator-v1', 'n'],
    [{ steps: 40 }, 'amazon.nova-canvas-v1:0', 'steps'],
    [{ aspect_ratio: '1:1' }, 'amazon.titan-image-generator-v1', 'aspect_ratio'],
    [{ quality: 'hd' }, 'stability.sd3-large-v1:0', 'quality'],
    [{ size: '1000x1000' }, 'amazon.nova-canvas-v1:0', 'size'],
    [{ size: '320x1600' }, 'amazon.nova-canvas-v1:0', 'size'],
    [{}, 'anthropic.claude-3-haiku-20240307-v1:0', 'model'],
  ])('refuses %j for %s naming %s', (body, model, param) => {
    expect(paramOf(body, model)).toBe(param);
  });

  it('drops what a model does not take under drop_params', () => {
    expect(plan({ steps: 40, quality: 'hd' }, 'stability.sd3-large-v1:0', true).body).toEqual({
      prompt: 'a cat',
      aspect_ratio: '1:1',
    });
  });
});

describe('perImagePrice', () => {
  it('prices SDXL by size and steps from the table keys', () => {
    const v1 = plan({ steps: 51 }, 'stability.stable-diffusion-xl-v1');
    expect(sdxlPriceKey(v1, 'stability.stable-diffusion-xl-v1')).toBe(
      '1024-x-1024/max-steps/stability.stable-diffusion-xl-v1',
    );
    expect(perImagePrice(v1, 'stability.stable-diffusion-xl-v1', undefined)).toBe(0.08);
    const v0 = plan({ size: '1024x1024' }, 'stability.stable-diffusion-xl-v0');
    expect(perImagePrice(v0, 'stability.stable-diffusion-xl-v0', undefined)).toBe(0.036);
    expect(
      perImagePrice(
        plan({ size: '512x512' }, 'stability.stable-diffusion-xl-v0'),
        'stability.stable-diffusion-xl-v0',
        undefined,
      ),
    ).toBe(0.018);
  });

  it('prices Titan by size tier and quality', () => {
    const price = priceFor('amazon.titan-image-generator-v1');
    const priced = (body: Record<string, unknown>) =>
      perImagePrice(plan(body, 'amazon.titan-image-generator-v1'), 'amazon.titan-image-generator-v1', price);
    expect(priced({ size: '512x512' })).toBe(0.008);
    expect(priced({ size: '512x512', quality: 'hd' })).toBe(0.01);
    expect(priced({ size: '1024x1024' })).toBe(0.01);
    expect(priced({ size: '1024x1024', quality: 'premium' })).toBe(0.012);
  });

  it('prefers a price configured by hand', () => {
    const sdxl = plan({}, 'stability.stable-diffusion-xl-v1');
    expect(
      perImagePrice(sdxl, 'stability.stable-diffusion-xl-v1', { key: 'model_info', perImage: 0.5 } as any),
    ).toBe(0.5);
  });
});
