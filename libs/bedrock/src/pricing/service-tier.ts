// Bedrock's service tiers change the price of a call: Flex is discounted, Priority costs a premium,
// latency-optimized inference (performanceConfig.latency "optimized") costs more than standard. The
// tier a call ran on is recorded with its usage, so every cost computed from that usage (usage.cost,
// the cost header, the spend row) follows it.
//
// Prices: a table entry's own tier prices when the price data lists them (`flex`, `priority`,
// `latencyOptimized`); otherwise AWS's published ratios to the standard price — Flex 50% off,
// Priority 75% more, and latency-optimized 25% more (Claude 3.5 Haiku $1/$5 vs $0.80/$4, Nova Pro
// $1/$4 vs $0.80/$3.20 per million tokens). `default` and `reserved` (billed by commitment, not per
// token) are priced as standard.
import type { TokenPrices } from './model-price';

export type ServiceTier = 'default' | 'flex' | 'priority' | 'reserved' | 'latency-optimized';
export type PricedTier = 'flex' | 'priority' | 'latency-optimized';

export const TIER_PRICE_RATIO: Record<PricedTier, number> = {
  flex: 0.5,
  priority: 1.75,
  'latency-optimized': 1.25,
};

export function isPricedTier(tier: ServiceTier | undefined): tier is PricedTier {
  return tier === 'flex' || tier === 'priority' || tier === 'latency-optimized';
}

/** Standard prices scaled by the tier's ratio (used where the table has no price for the tier). */
export function scaledPrices(prices: TokenPrices, tier: PricedTier): TokenPrices {
  const ratio = TIER_PRICE_RATIO[tier];
  return {
    inputPerToken: prices.inputPerToken * ratio,
    outputPerToken: prices.outputPerToken * ratio,
    cacheReadPerToken: prices.cacheReadPerToken * ratio,
    cacheWritePerToken: prices.cacheWritePerToken * ratio,
  };
}
