// Percentiles over raw samples (milliseconds as floats: the load generator's own histogram rounds to whole
// milliseconds, too coarse for a 1 ms budget) and the small arithmetic the report needs.

/** A growable list of float samples. */
export class Samples {
  constructor() {
    this.values = new Float64Array(4096);
    this.length = 0;
  }

  push(value) {
    if (this.length === this.values.length) {
      const larger = new Float64Array(this.values.length * 2);
      larger.set(this.values);
      this.values = larger;
    }
    this.values[this.length++] = value;
  }

  /** p50/p90/p99 (nearest-rank), mean and count; null figures when there are no samples. */
  summary() {
    if (this.length === 0) return { count: 0, mean: null, p50: null, p90: null, p99: null };
    const sorted = this.values.slice(0, this.length).sort();
    const at = (fraction) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
    let total = 0;
    for (const value of sorted) total += value;
    return {
      count: sorted.length,
      mean: round(total / sorted.length),
      p50: round(at(0.5)),
      p90: round(at(0.9)),
      p99: round(at(0.99)),
    };
  }
}

export function round(value, decimals = 3) {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export function mean(values) {
  const present = values.filter((value) => value !== null && value !== undefined && Number.isFinite(value));
  return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length;
}

export function difference(minuend, subtrahend) {
  return minuend === null || subtrahend === null ? null : round(minuend - subtrahend);
}

export function ratio(numerator, denominator) {
  return numerator === null || denominator === null || denominator === 0
    ? null
    : round(numerator / denominator);
}
