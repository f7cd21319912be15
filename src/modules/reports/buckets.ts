import { DateTime } from 'luxon';

export const BUCKET_UNITS = ['hour', 'day', 'week', 'month'] as const;
export type BucketUnit = (typeof BUCKET_UNITS)[number];

/** A report's most buckets: beyond it a period asks for a coarser bucket. */
export const MAX_BUCKETS = 1_000;

export interface Bucket {
  /** Position in the report, from 0. */
  index: number;
  /** The instants it covers: [start, end), clipped to the period. */
  start: Date;
  end: Date;
  /** The calendar unit in the zone: `2026-03-29`, `2026-W13`, `2026-03`, `2026-03-29T02:00+02:00`. */
  label: string;
}

const DAY = 86_400_000;

/**
 * The period cut into calendar units of the zone (ISO weeks from Monday), DST-correct: a local
 * day is 23 or 25 hours at a change, and a repeated local hour is two buckets with two offsets.
 * The first and last are clipped to the period. Pure; luxon does the calendar arithmetic.
 */
export function bucketsOf(period: { from: Date; to: Date }, zone: string, unit: BucketUnit): Bucket[] {
  const buckets: Bucket[] = [];
  let cursor = DateTime.fromJSDate(period.from, { zone }).startOf(unit === 'week' ? 'week' : unit);
  const end = period.to.getTime();
  while (cursor.toMillis() < end) {
    // Hours step in absolute time (a repeated local hour is two hours); the others in the calendar.
    const next = unit === 'hour' ? cursor.plus({ milliseconds: 3_600_000 }).startOf('hour') : cursor.plus({ [`${unit}s`]: 1 });
    const start = Math.max(cursor.toMillis(), period.from.getTime());
    buckets.push({ index: buckets.length, start: new Date(start), end: new Date(Math.min(next.toMillis(), end)), label: labelOf(cursor, unit) });
    if (buckets.length > MAX_BUCKETS) break;
    cursor = next;
  }
  return buckets;
}

function labelOf(start: DateTime, unit: BucketUnit): string {
  switch (unit) {
    case 'hour':
      return start.toISO({ suppressSeconds: true, suppressMilliseconds: true, includeOffset: true })!;
    case 'day':
      return start.toISODate()!;
    case 'week':
      return start.toISOWeekDate()!.slice(0, 8);
    case 'month':
      return start.toFormat('yyyy-LL');
  }
}

/** A stretch of one bucket, read from the daily rollup (whole UTC days) or from the facts. */
export interface Piece {
  bucket: number;
  from: Date;
  to: Date;
}

/**
 * Splits each bucket into the whole UTC days inside it (answered by the daily rollup) and the
 * rest (answered by the facts): a day bucket in Asia/Shanghai (UTC+8) is all facts, a week or a
 * month there is six or thirty UTC days plus two fringes of 16 and 8 hours; in UTC all of a day,
 * week or month bucket comes from the rollup.
 */
export function splitAtUtcDays(buckets: readonly Bucket[]): { days: Piece[]; instants: Piece[] } {
  const days: Piece[] = [];
  const instants: Piece[] = [];
  for (const b of buckets) {
    const s = b.start.getTime();
    const e = b.end.getTime();
    const firstDay = Math.ceil(s / DAY) * DAY;
    const lastDay = Math.floor(e / DAY) * DAY;
    if (firstDay >= lastDay) {
      instants.push({ bucket: b.index, from: b.start, to: b.end });
      continue;
    }
    if (s < firstDay) instants.push({ bucket: b.index, from: b.start, to: new Date(firstDay) });
    days.push({ bucket: b.index, from: new Date(firstDay), to: new Date(lastDay) });
    if (lastDay < e) instants.push({ bucket: b.index, from: new Date(lastDay), to: b.end });
  }
  return { days, instants };
}
