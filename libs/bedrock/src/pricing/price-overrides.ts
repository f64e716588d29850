// Per-deployment prices from LiteLLM-style `model_info` merged over the table's price. A field that
// is set replaces the table's value; the others keep theirs. A deployment with no table price (a
// custom or imported model) gets a price from model_info alone, its cache tokens charged at the
// input price unless cache prices are given. Overriding the base input or output price drops the
// table's long-context tier, which was derived from the replaced prices.
import type { ModelPrice } from './model-price';

/** The `model_info` fields (LiteLLM names) that carry prices, in US dollars per token. */
export interface ModelInfoPrices {
  input_cost_per_token?: unknown;
  output_cost_per_token?: unknown;
  cache_read_input_token_cost?: unknown;
  cache_creation_input_token_cost?: unknown;
  input_cost_per_token_batches?: unknown;
  output_cost_per_token_batches?: unknown;
}

/** Throws an Error naming the model_info field when a price is not a non-negative number (config validation). */
export function mergePriceOverrides(
  price: ModelPrice | undefined,
  modelInfo: ModelInfoPrices | undefined,
): ModelPrice | undefined {
  if (!modelInfo) return price;
  const input = priceField(modelInfo, 'input_cost_per_token');
  const output = priceField(modelInfo, 'output_cost_per_token');
  const cacheRead = priceField(modelInfo, 'cache_read_input_token_cost');
  const cacheWrite = priceField(modelInfo, 'cache_creation_input_token_cost');
  const batchInput = priceField(modelInfo, 'input_cost_per_token_batches');
  const batchOutput = priceField(modelInfo, 'output_cost_per_token_batches');
  const anySet = [input, output, cacheRead, cacheWrite, batchInput, batchOutput].some(
    (value) => value !== undefined,
  );
  if (!anySet) return price;

  const inputPerToken = input ?? price?.inputPerToken ?? 0;
  const merged: ModelPrice = {
    ...price,
    key: price ? price.key : 'model_info',
    inputPerToken,
    outputPerToken: output ?? price?.outputPerToken ?? 0,
    cacheReadPerToken: cacheRead ?? price?.cacheReadPerToken ?? inputPerToken,
    cacheWritePerToken: cacheWrite ?? price?.cacheWritePerToken ?? inputPerToken,
  };
  if (batchInput !== undefined) merged.batchInputPerToken = batchInput;
  if (batchOutput !== undefined) merged.batchOutputPerToken = batchOutput;
  if (input !== undefined || output !== undefined) delete merged.above200k;
  return merged;
}

function priceField(modelInfo: ModelInfoPrices, field: keyof ModelInfoPrices): number | undefined {
  const value = modelInfo[field];
  if (value === undefined || value === null) return undefined;
  // YAML configs sometimes quote numbers ("3e-6"); anything else is a mistake worth stopping for.
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) {
    throw new Error(
      `model_info.${field} must be a non-negative number of US dollars per token, got ${JSON.stringify(value)}`,
    );
  }
  return number;
}
