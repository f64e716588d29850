import { costOf } from './cost-of';
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

describe('costOf', () => {
  it('prices input, cache read, cache write and output separately', () => {
    const price = priceFor(HAIKU)!;
    const cost = costOf(usage(1000, 500, 2000, 400), price);
    const expected = 1000 * 2.5e-7 + 500 * 1.25e-6 + 2000 * 2.5e-8 + 400 * 3.125e-7;
    expect(cost).toBeCloseTo(expected, 12);
  });

  it('is zero for zero usage and never negative for nonsense counts', () => {
    const price = priceFor(HAIKU)!;
    expect(costOf(usage(0, 0), price)).toBe(0);
    expect(costOf(usage(-100, -5, -1, -1), price)).toBe(0);
    expect(costOf(usage(Number.NaN, 10), price)).toBeCloseTo(10 * 1.25e-6, 12);
  });

  it('uses the batch prices where listed', () => {
    const price = priceFor('meta.llama4-scout-17b-instruct-v1:0')!;
    expect(costOf(usage(1_000_000, 1_000_000), price, { batch: true })).toBeCloseTo(
      8.5e-8 * 1e6 + 3.3e-7 * 1e6,
      9,
    );
  });

  it('charges half the on-demand prices for batch where no batch price is listed', () => {
    const price = priceFor(HAIKU)!;
    const onDemand = costOf(usage(1000, 1000, 100, 100), price);
    expect(costOf(usage(1000, 1000, 100, 100), price, { batch: true })).toBeCloseTo(onDemand / 2, 12);
  });

  it('switches to the long-context tier when the prompt (cache included) exceeds 200k tokens', () => {
    const price = priceFor(SONNET_45)!;
    expect(costOf(usage(150_000, 1000, 60_000, 0), price)).toBeCloseTo(
      150_000 * 6e-6 + 1000 * 2.25e-5 + 60_000 * 6e-7,
      9,
    );
    expect(costOf(usage(100_000, 1000), price)).toBeCloseTo(100_000 * 3e-6 + 1000 * 1.5e-5, 9);
  });
});

describe('costOf with a service tier', () => {
  const price = priceFor(HAIKU)!;
  const standard = costOf(usage(1000, 500), price);

  it.each([
    ['flex', 0.5],
    ['priority', 1.75],
    ['latency-optimized', 1.25],
  ] as const)(
    'prices %s at %d× the standard rates where the table lists no tier price',
    (serviceTier, ratio) => {
      expect(costOf({ ...usage(1000, 500), serviceTier }, price)).toBeCloseTo(standard * ratio, 12);
    },
  );

  it('prices default and reserved as standard, and prefers a tier price the table lists', () => {
    expect(costOf({ ...usage(1000, 500), serviceTier: 'default' }, price)).toBe(standard);
    expect(costOf({ ...usage(1000, 500), serviceTier: 'reserved' }, price)).toBe(standard);
    const listed = {
      ...price,
      tiers: {
        flex: { inputPerToken: 1e-7, outputPerToken: 2e-7, cacheReadPerToken: 0, cacheWritePerToken: 0 },
      },
    };
    expect(costOf({ ...usage(1000, 500), serviceTier: 'flex' }, listed)).toBeCloseTo(
      1000 * 1e-7 + 500 * 2e-7,
      15,
    );
  });
});
