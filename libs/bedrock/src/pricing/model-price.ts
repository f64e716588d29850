// What a model costs, in US dollars per unit, as the gateway uses it. Every token price is resolved
// (cache prices included) so that cost arithmetic needs no knowledge of families or fallbacks.
import type { PricedTier } from './service-tier';

export interface TokenPrices {
  inputPerToken: number;
  outputPerToken: number;
  cacheReadPerToken: number;
  cacheWritePerToken: number;
}

export interface ModelPrice extends TokenPrices {
  /** The price-table key the price came from ('model_info' when configured by hand). */
  key: string;
  /** Batch-inference prices where the table lists them; otherwise batch costs half (see cost-of.ts). */
  batchInputPerToken?: number;
  batchOutputPerToken?: number;
  /** Service-tier prices the table lists; other tiers are scaled from the standard price (service-tier.ts). */
  tiers?: Partial<Record<PricedTier, TokenPrices>>;
  /** Prices once the prompt exceeds 200k tokens (long-context tier). */
  above200k?: TokenPrices;
  /** Per generated image (standard quality, base size). */
  perImage?: number;
  /** Other image prices keyed as in the source data (`premium_image`, `above_1024_and_1024_pixels`, …). */
  perImageVariants?: Readonly<Record<string, number>>;
  /** Per input image (multimodal embeddings). */
  perInputImage?: number;
  /** Per rerank query. */
  perQuery?: number;
}
