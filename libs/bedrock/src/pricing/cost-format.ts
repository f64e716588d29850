// Costs as clients see them. Sums of per-token prices carry binary floating-point noise
// (0.00037290000000000007); shown costs are rounded to a fixed precision that is far below any price
// step (a millionth of a cent) and, in headers, written as plain decimals (never 1e-7).
//
// Both run on every request, so they avoid toFixed (a decimal conversion) where plain arithmetic does:
// an integer count of 1e-10 dollars divided by 1e10 is the double nearest that decimal, which JavaScript
// prints back as exactly that decimal.

const SCALE = 1e10;
/** Below this JavaScript prints numbers in exponent form (1e-7). */
const SMALLEST_PLAIN_DECIMAL = 1e-6;

/** A cost rounded for a JSON body (`usage.cost`). */
export function roundCost(cost: number): number {
  return Math.round(cost * SCALE) / SCALE;
}

/** A cost as a decimal string for a header: `0.0003729`, `0`. */
export function formatCost(cost: number): string {
  if (!(cost > 0)) return '0';
  const rounded = roundCost(cost);
  if (rounded >= SMALLEST_PLAIN_DECIMAL) return String(rounded);
  const fixed = rounded.toFixed(10).replace(/0+$/, '');
  return fixed.endsWith('.') ? fixed.slice(0, -1) : fixed;
}
