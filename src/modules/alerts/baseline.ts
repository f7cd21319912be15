/**
 * The baseline a window's count is compared with, robust to daily and weekly cycles.
 *
 * - Daily cycle: the samples are the same window (same local clock time) on each of the past
 *   `baselineDays` days, so 3 a.m. is compared with past 3 a.m.s and the evening peak with past peaks.
 * - Weekly cycle: each sample is rescaled by the traffic level of its weekday relative to today's
 *   (a seasonal index from the median daily totals per weekday of the past four weeks), so a
 *   busy Saturday is compared with Saturdays' level, not with the quiet weekdays around it.
 * - Counts are small (a topic has a few tickets per window), and for Poisson counts (x − λ)/√λ is
 *   badly calibrated: 8 tickets where 1 is usual would be "z = 7", yet across ~30 topics and 4,000
 *   windows a month that happens by chance. So the z-score is taken on the Anscombe scale
 *   y = 2√(x + 3/8), where Poisson noise has unit variance whatever the mean: z = (y(count) −
 *   median y(samples)) / max(1.4826 × MAD of y(samples), 1). The median and the MAD make it robust
 *   (a past surge in one sample moves neither much: yesterday's crisis does not hide today's); the
 *   MAD captures day-to-day variation beyond Poisson noise, and the floor of 1 is Poisson noise itself.
 * - ratio = (count + 1) / (expected + 1), expected = the median sample, guards against a large z on a tiny baseline.
 */
export interface Baseline {
  /** The median sample: the count usual at this time. */
  expected: number;
  /** Median and robust spread of the samples on the Anscombe scale. */
  center: number;
  spread: number;
  /** How many past days the baseline rests on. */
  samples: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const MAD_TO_SIGMA = 1.4826;

/** Variance-stabilising transform of a Poisson count: unit variance whatever its mean. */
export const anscombe = (count: number): number => 2 * Math.sqrt(Math.max(0, count) + 3 / 8);

export function baselineOf(samples: readonly number[]): Baseline {
  const expected = median(samples);
  const ys = samples.map(anscombe);
  const center = ys.length ? median(ys) : anscombe(0);
  const mad = median(ys.map((y) => Math.abs(y - center)));
  return { expected, center, spread: Math.max(MAD_TO_SIGMA * mad, 1), samples: samples.length };
}

/** Samples of other weekdays, brought to today's weekday level. */
export function rescale(samples: readonly { count: number; factor: number }[], todayFactor: number): number[] {
  return samples.map((s) => (s.factor > 0 ? (s.count * todayFactor) / s.factor : s.count));
}

export const robustZ = (count: number, baseline: Baseline): number => (anscombe(count) - baseline.center) / baseline.spread;

export const ratioOf = (count: number, expected: number): number => (count + 1) / (expected + 1);

/**
 * The share `k / n` against a baseline share `p0`: a binomial z-score (p0 kept within 2 %…98 %
 * so that a baseline of "never negative" does not make one negative message infinitely surprising).
 */
export function proportionZ(k: number, n: number, p0: number): number {
  if (n === 0) return 0;
  const p = Math.min(0.98, Math.max(0.02, p0));
  return (k / n - p) / Math.sqrt((p * (1 - p)) / n);
}

/** ISO weekday 1 (Monday) … 7 (Sunday) → traffic relative to a typical day. */
export type WeekdayFactors = Record<number, number>;

const FLAT: WeekdayFactors = { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1 };

/**
 * The weekly seasonal index: per weekday, the median of its daily totals over the median of all
 * daily totals. A weekday seen fewer than twice keeps 1 (no evidence yet); factors stay within ¼…4.
 */
export function weekdayFactors(days: readonly { weekday: number; total: number }[]): WeekdayFactors {
  const overall = median(days.map((d) => d.total));
  if (days.length < 7 || overall <= 0) return { ...FLAT };
  const factors: WeekdayFactors = { ...FLAT };
  for (let weekday = 1; weekday <= 7; weekday++) {
    const totals = days.filter((d) => d.weekday === weekday).map((d) => d.total);
    if (totals.length >= 2) factors[weekday] = Math.min(4, Math.max(0.25, median(totals) / overall));
  }
  return factors;
}
