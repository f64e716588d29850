import { costOf } from './cost-of';
import { MODEL_INFO_PRICE_FIELDS, mergePriceOverrides } from './price-overrides';
import { priceFor } from './price-table';
import type { TokenUsage } from './token-usage';

const usage = (
  inputTokens: number,
  outputTokens: number,
  cacheReadTokens = 0,
  cacheWriteTokens = 0,
): TokenUsage => ({
  inputTokens,
  outputTokens,
  cacheReadTokens,
  cacheWriteTokens,
});

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const SONNET_45 = 'anthropic.claude-sonnet-4-5-20250929-v1:0';

describe('mergePriceOverrides', () => {
  it('replaces only the fields model_info sets', () => {
    const merged = mergePriceOverrides(priceFor(SONNET_45), {
      input_cost_per_token: 2e-6,
      cache_read_input_token_cost: '1e-7',
    });
    expect(merged).toMatchObject({
      key: SONNET_45,
      inputPerToken: 2e-6,
      outputPerToken: 1.5e-5,
      cacheReadPerToken: 1e-7,
      cacheWritePerToken: 3.75e-6,
    });
    expect(merged?.above200k).toBeUndefined();
  });

  it('prices a model the table does not know from model_info alone', () => {
    const merged = mergePriceOverrides(undefined, {
      input_cost_per_token: 1e-6,
      output_cost_per_token: 2e-6,
    });
    expect(merged).toEqual({
      key: 'model_info',
      inputPerToken: 1e-6,
      outputPerToken: 2e-6,
      cacheReadPerToken: 1e-6,
      cacheWritePerToken: 1e-6,
    });
    expect(costOf(usage(1000, 1000), merged!)).toBeCloseTo(0.003, 12);
  });

  it('takes batch prices from model_info', () => {
    const merged = mergePriceOverrides(priceFor(HAIKU), {
      input_cost_per_token_batches: 1e-7,
      output_cost_per_token_batches: 5e-7,
    });
    expect(costOf(usage(10, 10), merged!, { batch: true })).toBeCloseTo(10 * 1e-7 + 10 * 5e-7, 15);
  });

  it('takes image and query prices from model_info', () => {
    const merged = mergePriceOverrides(priceFor('cohere.rerank-v3-5:0'), {
      input_cost_per_query: 0.001,
      output_cost_per_image: 0.05,
    });
    expect(merged).toMatchObject({ key: 'cohere.rerank-v3-5:0', perQuery: 0.001, perImage: 0.05 });
  });

  it.each(MODEL_INFO_PRICE_FIELDS)('reads and checks %s', (field) => {
    expect(() => mergePriceOverrides(undefined, { [field]: 'not a price' })).toThrow(`model_info.${field}`);
  });

  it('leaves the price alone when model_info carries no prices', () => {
    const price = priceFor(HAIKU);
    expect(mergePriceOverrides(price, {})).toBe(price);
    expect(mergePriceOverrides(undefined, undefined)).toBeUndefined();
  });

  it.each([[-1], ['cheap'], [Number.POSITIVE_INFINITY], [{}]])('rejects %p naming the field', (value) => {
    expect(() => mergePriceOverrides(undefined, { output_cost_per_token: value })).toThrow(
      'model_info.output_cost_per_token',
    );
  });
});
