import { sql, type SQL } from 'drizzle-orm';

/**
 * Durations in fixed log bins, so percentiles can be merged from rollups: bin 0 holds [0, 1 s),
 * bin i ≥ 1 holds [1 s · γ^(i-1), 1 s · γ^i) with γ = 1.1, up to bin 179 (past 260 days, never
 * reached by a reply). A percentile is the bin of its nearest rank, reported at the bin's
 * geometric middle: within √γ − 1 ≈ 4.9 % of a value whose rank is exactly that percentile
 * (0.5 s for times under a second). Means are exact (sums).
 */
export const GAMMA = 1.1;
export const BINS = 180;
export const RELATIVE_ERROR = Math.sqrt(GAMMA) - 1;

export function binOf(ms: number): number {
  if (ms < 1000) return 0;
  return Math.min(BINS - 1, 1 + Math.floor(Math.log(ms / 1000) / Math.log(GAMMA)));
}

/** The value a bin stands for: its geometric middle (0.5 s for bin 0). */
export const binValue = (bin: number): number => (bin === 0 ? 500 : Math.round(1000 * GAMMA ** (bin - 0.5)));

/** The same bin in SQL, for an expression in milliseconds. */
export const binSql = (ms: SQL): SQL =>
  // float8, not numeric: ln() of a numeric is a hundred times slower
  sql`(CASE WHEN ${ms} < 1000 THEN 0 ELSE least(${sql.raw(String(BINS - 1))}, 1 + floor(ln(${ms}::float8 / 1000) / ${sql.raw(String(Math.log(GAMMA)))})::int) END)`;

/** Counts per bin, dense: index i is bin i (BINS of them). */
export type Histogram = Float64Array;

export const emptyHistogram = (): Histogram => new Float64Array(BINS);

/** Adds `from` into `into`, bin by bin. */
export function addInto(into: Histogram, from: ArrayLike<number>): void {
  for (let i = 0; i < BINS; i++) into[i]! += from[i] ?? 0;
}

/** Nearest-rank percentile (the smallest bin holding at least q of the values), or null when empty. */
export function percentile(histogram: ArrayLike<number>, q: number): number | null {
  let total = 0;
  for (let i = 0; i < histogram.length; i++) total += histogram[i]!;
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  let last = 0;
  for (let i = 0; i < histogram.length; i++) {
    if (histogram[i]! <= 0) continue;
    last = i;
    if ((seen += histogram[i]!) >= rank) return binValue(i);
  }
  return binValue(last);
}
