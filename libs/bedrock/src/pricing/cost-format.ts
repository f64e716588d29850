// Costs as clients see them. Sums of per-token prices carry binary floating-point noise
// (0.00037290000000000007); shown costs are rounded to a fixed precision that is far below any price
// step (a millionth of a cent) and, in headers, written as plain decimals (never 1e-7).

const DECIMALS = 10;

/** A cost rounded for a JSON body (`usage.cost`). */
export function roundCost(cost: number): number {
  return Number(cost.toFixed(DECIMALS));
}

/** A cost as a decimal string for a header: `0.0003729`, `0`. */
export function formatCost(cost: number): string {
  if (!(cost > 0)) return '0';
  const fixed = cost.toFixed(DECIMALS).replace(/0+$/, '');
  return fixed.endsWith('.') ? fixed.slice(0, -1) : fixed;
}
