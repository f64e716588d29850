// What one generated image costs. Titan Image Generator is priced by size tier and quality
// (`above_1024_and_1024_pixels`, `premium_image`, … in the table's variants); SDXL by size and
// diffusion steps under keys such as `1024-x-1024/50-steps/stability.stable-diffusion-xl-v1`; the
// others at one price per image. A deployment priced by hand (model_info.output_cost_per_image) wins.
import { priceFor } from '../pricing/price-table';
import type { ModelPrice } from '../pricing/model-price';
import type { ImagePlan } from './image-request';

const ABOVE_PIXELS = /^above_(\d+)_and_(\d+)_pixels$/;
/** Steps up to this are the "50-steps" price; more are "max-steps". */
const SDXL_STANDARD_STEPS = 50;

export function perImagePrice(
  plan: ImagePlan,
  baseModelId: string,
  price: ModelPrice | undefined,
): number | undefined {
  if (plan.kind === 'stability-sdxl-v1' || plan.kind === 'stability-sdxl-v0')
    return price?.perImage ?? priceFor(sdxlPriceKey(plan, baseModelId))?.perImage;
  if (!price) return undefined;
  const variants = price.perImageVariants ?? {};
  const above = aboveTierOf(variants, plan);
  if (above && plan.premium && variants[`${above}_and_premium_image`] !== undefined)
    return variants[`${above}_and_premium_image`];
  if (above) return variants[above];
  if (plan.premium && variants.premium_image !== undefined) return variants.premium_image;
  return price.perImage;
}

/** `1024-x-1024/50-steps/stability.stable-diffusion-xl-v1`, as the price table keys SDXL. */
export function sdxlPriceKey(plan: ImagePlan, baseModelId: string): string {
  const { width, height } = plan.dimensions;
  const size =
    plan.kind === 'stability-sdxl-v0'
      ? width * height <= 512 * 512
        ? '512-x-512'
        : 'max-x-max'
      : '1024-x-1024';
  const steps = (plan.steps ?? 0) > SDXL_STANDARD_STEPS ? 'max-steps' : '50-steps';
  const model = baseModelId.replace(/:\d+$/, '');
  return `${size}/${steps}/${model}`;
}

/** The `above_W_and_H_pixels` variant the image's size falls in, if any. */
function aboveTierOf(variants: Readonly<Record<string, number>>, plan: ImagePlan): string | undefined {
  const pixels = plan.dimensions.width * plan.dimensions.height;
  for (const key of Object.keys(variants)) {
    const match = ABOVE_PIXELS.exec(key);
    if (match && pixels > Number(match[1]) * Number(match[2])) return key;
  }
  return undefined;
}
