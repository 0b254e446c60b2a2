/** Small, dependency-free statistics for the benchmark (pure). */

/** Nearest-rank percentile of `values` (0 < p <= 100); NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Median (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** A figure measured in several runs: the median, its spread, and every run's value. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

/** Summarises per-run values (rounded to 3 decimals for the JSON file). */
export function spread(runs: readonly number[]): Spread {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    median: r(median(runs)),
    min: r(runs.length ? Math.min(...runs) : Number.NaN),
    max: r(runs.length ? Math.max(...runs) : Number.NaN),
    runs: runs.map(r),
  };
}

/** "1.23 (1.10–1.40)" with `digits` decimals. */
export function fmt(s: Spread, digits = 2): string {
  return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
}
