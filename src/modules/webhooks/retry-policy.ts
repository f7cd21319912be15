const SECOND = 1_000;
const HOUR = 3_600 * SECOND;

/**
 * The wait after the n-th failed attempt (index n - 1): 10 s × 5^(n-1), capped at 20 h. Ten
 * attempts in all; the last one comes about 71 hours (2.95 days) after the first, so a receiver
 * down over a long weekend loses nothing. Each wait is jittered by ±25 % so that the deliveries
 * of an endpoint that was down do not all come back at the same instant.
 */
export const RETRY_DELAYS_MS: readonly number[] = Array.from({ length: 9 }, (_, i) => Math.min(10 * SECOND * 5 ** i, 20 * HOUR));

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** When to try again after the `failures`-th failed attempt of this run; null: give up. */
export function retryDelay(failures: number, random: () => number = Math.random): number | null {
  const base = RETRY_DELAYS_MS[failures - 1];
  if (base === undefined) return null;
  return Math.round(base * (0.75 + 0.5 * random()));
}

/**
 * An endpoint is paused when this many attempts in a row failed and the first of them is at
 * least this old: a receiver that is down for good stops costing retries, one that has a bad
 * minute does not get paused. Pings do not count.
 */
export const PAUSE_AFTER = { failures: 20, spanMs: HOUR } as const;

export function shouldPause(consecutiveFailures: number, failingSince: Date, now: Date): boolean {
  return consecutiveFailures >= PAUSE_AFTER.failures && now.getTime() - failingSince.getTime() >= PAUSE_AFTER.spanMs;
}

/** Delivered and given-up deliveries are kept this long in the log, then purged. */
export const DELIVERY_RETENTION_MS = 30 * 24 * HOUR;

/** A sender holds a claimed delivery this long: more than the connect and answer deadlines together. */
export const LEASE_MS = 60 * SECOND;
