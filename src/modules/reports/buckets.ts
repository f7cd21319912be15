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

/** A stretch of one bucket, read from the rollup (whole UTC hours, days or months) or from the facts. */
export interface Piece {
  bucket: number;
  from: Date;
  to: Date;
}

export interface Split {
  months: Piece[];
  days: Piece[];
  hours: Piece[];
  instants: Piece[];
}

const HOUR = 3_600_000;
const monthStart = (t: number, offset = 0) => {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
};

/**
 * Splits each bucket into the whole UTC months inside it, the whole UTC days around them, the
 * whole UTC hours around those (all answered by the rollups) and the rest (answered by the
 * facts). A day bucket in Asia/Shanghai (UTC+8) is 24 UTC hours; a week there is six UTC days
 * and fringes of 16 and 8 hours; a year of months is months, a few days and hours; in UTC all of
 * a day, week or month comes from days and months. Zones with 30- and 45-minute offsets are exact
 * too: only their sub-hour fringes are facts, read by instant.
 */
export function splitByGrains(buckets: readonly Bucket[]): Split {
  const split: Split = { months: [], days: [], hours: [], instants: [] };
  const piece = (list: Piece[], bucket: number, from: number, to: number) => {
    if (from < to) list.push({ bucket, from: new Date(from), to: new Date(to) });
  };
  /** [s, e) as whole units of `size` from `floor`-aligned starts, the rest handed to `rest`. */
  const aligned = (bucket: number, s: number, e: number, size: number, list: Piece[], rest: (s: number, e: number) => void) => {
    const first = Math.ceil(s / size) * size;
    const last = Math.floor(e / size) * size;
    if (first >= last) return rest(s, e);
    rest(s, first);
    piece(list, bucket, first, last);
    rest(last, e);
  };
  for (const b of buckets) {
    const s = b.start.getTime();
    const e = b.end.getTime();
    const subHour = (from: number, to: number) => piece(split.instants, b.index, from, to);
    const hours = (from: number, to: number) => aligned(b.index, from, to, HOUR, split.hours, subHour);
    const firstDay = Math.ceil(s / DAY) * DAY;
    const lastDay = Math.floor(e / DAY) * DAY;
    if (firstDay >= lastDay) {
      hours(s, e);
      continue;
    }
    hours(s, firstDay);
    const firstMonth = monthStart(firstDay) === firstDay ? firstDay : monthStart(firstDay, 1);
    const lastMonth = monthStart(lastDay);
    if (firstMonth < lastMonth) {
      piece(split.days, b.index, firstDay, firstMonth);
      piece(split.months, b.index, firstMonth, lastMonth);
      piece(split.days, b.index, lastMonth, lastDay);
    } else {
      piece(split.days, b.index, firstDay, lastDay);
    }
    hours(lastDay, e);
  }
  return split;
}

/** The whole period as one bucket: what period totals (breakdowns, agents, groups) are read over. */
export const wholePeriod = (period: { from: Date; to: Date }): Bucket[] => [{ index: 0, start: period.from, end: period.to, label: 'total' }];
