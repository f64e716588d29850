// Per-deployment prices from LiteLLM-style `model_info` merged over the table's price. A field that
// is set replaces the table's value; the others keep theirs. A deployment with no table price (a
// custom or imported model) gets a price from model_info alone, its cache tokens charged at the
// input price unless cache prices are given. Overriding the base input or output price drops the
// table's long-context tier, which was derived from the replaced prices.
import type { ModelPrice } from './model-price';

/** Each `model_info` price field (LiteLLM names; US dollars per token, image or query) and what it sets. */
const PRICE_MEMBER_OF_FIELD = {
  input_cost_per_token: 'inputPerToken',
  output_cost_per_token: 'outputPerToken',
  cache_read_input_token_cost: 'cacheReadPerToken',
  cache_creation_input_token_cost: 'cacheWritePerToken',
  input_cost_per_token_batches: 'batchInputPerToken',
  output_cost_per_token_batches: 'batchOutputPerToken',
  output_cost_per_image: 'perImage',
  input_cost_per_query: 'perQuery',
} as const satisfies Record<string, keyof ModelPrice>;

export type ModelInfoPriceField = keyof typeof PRICE_MEMBER_OF_FIELD;

/** The `model_info` fields that carry prices: the one list config validation and /model_group/info use. */
export const MODEL_INFO_PRICE_FIELDS = Object.keys(PRICE_MEMBER_OF_FIELD) as readonly ModelInfoPriceField[];

/** The price fields of a deployment's `model_info`, as configured (validated by mergePriceOverrides). */
export type ModelInfoPrices = Partial<Record<ModelInfoPriceField, unknown>>;

type PriceMember = (typeof PRICE_MEMBER_OF_FIELD)[ModelInfoPriceField];

/** Throws an Error naming the model_info field when a price is not a non-negative number (config validation). */
export function mergePriceOverrides(
  price: ModelPrice | undefined,
  modelInfo: ModelInfoPrices | undefined,
): ModelPrice | undefined {
  if (!modelInfo) return price;
  const overrides: Partial<Record<PriceMember, number>> = {};
  for (const field of MODEL_INFO_PRICE_FIELDS) {
    const value = priceField(modelInfo, field);
    if (value !== undefined) overrides[PRICE_MEMBER_OF_FIELD[field]] = value;
  }
  if (Object.keys(overrides).length === 0) return price;

  const inputPerToken = overrides.inputPerToken ?? price?.inputPerToken ?? 0;
  const merged: ModelPrice = {
    ...price,
    ...overrides,
    key: price ? price.key : 'model_info',
    inputPerToken,
    outputPerToken: overrides.outputPerToken ?? price?.outputPerToken ?? 0,
    cacheReadPerToken: overrides.cacheReadPerToken ?? price?.cacheReadPerToken ?? inputPerToken,
    cacheWritePerToken: overrides.cacheWritePerToken ?? price?.cacheWritePerToken ?? inputPerToken,
  };
  if (overrides.inputPerToken !== undefined || overrides.outputPerToken !== undefined)
    delete merged.above200k;
  return merged;
}

function priceField(modelInfo: ModelInfoPrices, field: ModelInfoPriceField): number | undefined {
  const value = modelInfo[field];
  if (value === undefined || value === null) return undefined;
  // YAML configs sometimes quote numbers ("3e-6"); anything else is a mistake worth stopping for.
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) {
    throw new Error(
      `model_info.${field} must be a non-negative number of US dollars per unit, got ${JSON.stringify(value)}`,
    );
  }
  return number;
}
