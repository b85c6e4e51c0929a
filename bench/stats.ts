export interface Latency {
  count: number;
  p50: number;
  p99: number;
  mean: number;
}

/** Nearest-rank percentile of values sorted ascending; `q` in (0, 1]. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/** p50, p99 and mean of latencies in milliseconds. */
export function summarise(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return { count: sorted.length, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), mean };
}

/** Milliseconds for a table: two decimals below 10 ms, one above. */
export const ms = (value: number): string => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1));
