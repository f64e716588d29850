// The US-dollar cost of one call from its token usage. Input, cache-read, cache-write and output
// tokens are priced separately (Bedrock's inputTokens already excludes cached tokens, so nothing is
// counted twice — LESSONS #15263/#15292/#29145). Batch inference uses the batch prices where the
// table lists them, otherwise half the on-demand prices (Bedrock's batch discount; LESSONS #37219);
// cache prices are halved the same way. Prompts over 200k tokens use the long-context tier when the
// model has one. A service tier (flex, priority, latency-optimized) prices at its own rates.
import type { TokenUsage } from './token-usage';
import type { ModelPrice, TokenPrices } from './model-price';
import { isPricedTier, scaledPrices, type ServiceTier } from './service-tier';

const LONG_CONTEXT_THRESHOLD = 200_000;
const BATCH_DISCOUNT = 0.5;

export function costOf(usage: TokenUsage, price: ModelPrice, options: { batch?: boolean } = {}): number {
  const input = tokens(usage.inputTokens);
  const output = tokens(usage.outputTokens);
  const cacheRead = tokens(usage.cacheReadTokens);
  const cacheWrite = tokens(usage.cacheWriteTokens);

  const promptTokens = input + cacheRead + cacheWrite;
  const rates = tierRates(
    promptTokens > LONG_CONTEXT_THRESHOLD && price.above200k ? price.above200k : price,
    price,
    usage.serviceTier,
  );

  let inputRate = rates.inputPerToken;
  let outputRate = rates.outputPerToken;
  let cacheReadRate = rates.cacheReadPerToken;
  let cacheWriteRate = rates.cacheWritePerToken;
  if (options.batch) {
    inputRate = price.batchInputPerToken ?? inputRate * BATCH_DISCOUNT;
    outputRate = price.batchOutputPerToken ?? outputRate * BATCH_DISCOUNT;
    cacheReadRate *= BATCH_DISCOUNT;
    cacheWriteRate *= BATCH_DISCOUNT;
  }

  const cost =
    input * rate(inputRate) +
    output * rate(outputRate) +
    cacheRead * rate(cacheReadRate) +
    cacheWrite * rate(cacheWriteRate);
  return cost > 0 ? cost : 0;
}

/** The tier's own prices from the table, else the (long-context or standard) rates scaled by its ratio. */
function tierRates(rates: TokenPrices, price: ModelPrice, tier: ServiceTier | undefined): TokenPrices {
  if (!isPricedTier(tier)) return rates;
  return rates === price ? (price.tiers?.[tier] ?? scaledPrices(rates, tier)) : scaledPrices(rates, tier);
}

/** Counts from upstream are not trusted to be sane: negative or NaN counts cost nothing. */
function tokens(count: number): number {
  return Number.isFinite(count) && count > 0 ? count : 0;
}

function rate(perToken: number): number {
  return Number.isFinite(perToken) && perToken > 0 ? perToken : 0;
}
