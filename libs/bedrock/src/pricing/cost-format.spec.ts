import { formatCost, roundCost } from './cost-format';

describe('cost formatting', () => {
  it('shows sums of per-token prices without floating-point noise', () => {
    const cost = 0.0000003 * 1000 + 0.0000015 * 49.3; // 0.00037394999999999996 in binary floating point
    expect(String(cost)).not.toBe('0.00037395');
    expect(formatCost(cost)).toBe('0.00037395');
    expect(roundCost(cost)).toBe(0.00037395);
  });

  it('writes tiny costs as plain decimals, never in exponent notation', () => {
    expect(formatCost(0.00000012)).toBe('0.00000012');
    expect(formatCost(3)).toBe('3');
  });

  it('writes zero (and nonsense) as 0', () => {
    expect(formatCost(0)).toBe('0');
    expect(formatCost(Number.NaN)).toBe('0');
  });

  it('shows every cost as a plain decimal within a ten-billionth of a dollar', () => {
    for (let exponent = -10; exponent <= 4; exponent++) {
      for (let sample = 0; sample < 500; sample++) {
        const cost = (1 + ((sample * 7919) % 9973) / 1000) * 10 ** exponent;
        const shown = formatCost(cost);
        expect(shown).toMatch(/^\d+(\.\d{1,10})?$/);
        expect(Math.abs(Number(shown) - cost)).toBeLessThanOrEqual(0.5e-10 + 1e-15 * cost);
        expect(Math.abs(roundCost(cost) - cost)).toBeLessThanOrEqual(0.5e-10 + 1e-15 * cost);
      }
    }
  });
});
