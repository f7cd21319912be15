import { WEEKDAYS, type CalendarSpec } from './calendar-spec.ts';
import { zoneOffsets, type ZoneOffsets } from './zone-offsets.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
const MINUTES_PER_DAY = 1_440;
/** Searches give up here rather than loop forever on a calendar whose open days never come. */
const MAX_SEARCH_DAYS = 3_660;
/** Bounds memory per calendar; a ten-year search needs ~3,700 days. */
const MAX_CACHED_DAYS = 10_000;

/** One local day as real instants: [start, end) of the day and its open intervals, flattened. */
export interface LocalDay {
  start: number;
  end: number;
  /** [s0, e0, s1, e1, …], sorted, disjoint, non-touching, within [start, end] */
  open: number[];
  total: number;
}

/**
 * A calendar ready for arithmetic. Immutable from the outside; it memoises the local days it has
 * looked at, so a process computing many deadlines against one calendar builds each day once.
 * Compile once per calendar version and reuse.
 */
export class CompiledCalendar {
  readonly timezone: string;
  /** Per weekday, Monday first: merged [start, end) minutes after local midnight. */
  readonly weekly: readonly (readonly (readonly [number, number])[])[];
  readonly holidays: ReadonlySet<string>;
  /** Open around the clock with no holidays: arithmetic is plain arithmetic. */
  readonly alwaysOpen: boolean;
  /** No open minute in the week: nothing can ever fall due. */
  readonly neverOpen: boolean;
  readonly #zone: ZoneOffsets;
  readonly #holidayDays: ReadonlySet<number>;
  readonly #days = new Map<number, LocalDay>();

  constructor(spec: CalendarSpec) {
    this.timezone = spec.timezone;
    this.#zone = zoneOffsets(spec.timezone);
    this.weekly = WEEKDAYS.map((day) => mergeIntervals((spec.weekly[day] ?? []).map(parseInterval)));
    this.holidays = new Set(spec.holidays.map((h) => checkDate(h.date)));
    this.#holidayDays = new Set([...this.holidays].map((date) => Date.parse(`${date}T00:00:00Z`) / DAY));
    this.alwaysOpen = this.holidays.size === 0 && this.weekly.every((d) => d.length === 1 && d[0]![0] === 0 && d[0]![1] === MINUTES_PER_DAY);
    this.neverOpen = this.weekly.every((d) => d.length === 0);
  }

  /** The local day (days since 1970-01-01 in local time) that contains instant `t`. */
  dayOf(t: number): number {
    let n = Math.floor((t + this.#zone.at(t)) / DAY);
    // Only an oddly placed transition can put t outside the day its offset suggests.
    while (t < this.day(n).start) n--;
    while (t >= this.day(n).end) n++;
    return n;
  }

  /** Local day `n` (days since 1970-01-01 in local time), built once and memoised. */
  day(n: number): LocalDay {
    let day = this.#days.get(n);
    if (day === undefined) {
      if (this.#days.size >= MAX_CACHED_DAYS) this.#days.clear();
      day = this.#build(n);
      this.#days.set(n, day);
    }
    return day;
  }

  #build(n: number): LocalDay {
    const local = n * DAY;
    const zone = this.#zone;
    const start = zone.toInstant(local);
    const end = zone.toInstant(local + DAY);
    const open: number[] = [];
    let total = 0;
    if (!this.#holidayDays.has(n)) {
      // Without a transition inside the day one offset serves every boundary.
      const offset = local - start;
      const steady = local + DAY - end === offset;
      const instant = (minutes: number) =>
        minutes === 0 ? start : minutes === MINUTES_PER_DAY ? end : steady ? local + minutes * MINUTE - offset : zone.toInstant(local + minutes * MINUTE);
      for (const [from, to] of this.weekly[(((n + 3) % 7) + 7) % 7]!) {
        // Skipped local times move forward, which can push a boundary past the next one.
        const s = Math.max(instant(from), open.length > 0 ? open[open.length - 1]! : start);
        const e = Math.min(instant(to), end);
        if (e <= s) continue;
        if (open.length > 0 && open[open.length - 1] === s) open[open.length - 1] = e;
        else open.push(s, e);
        total += e - s;
      }
    }
    return { start, end, open, total };
  }
}

/** "HH:MM" (or "24:00") to minutes after local midnight. */
function parseLocalTime(value: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!(minutes >= 0 && minutes <= MINUTES_PER_DAY) || Number(match?.[2]) >= 60) throw new Error(`Invalid local time "${value}": use HH:MM, 00:00 to 24:00`);
  return minutes;
}

function parseInterval([from, to]: [string, string]): [number, number] {
  const interval: [number, number] = [parseLocalTime(from), parseLocalTime(to)];
  // Overnight shifts are two intervals (22:00–24:00, then 00:00–06:00 the next day).
  if (interval[1] <= interval[0]) throw new Error(`Invalid interval ${from}–${to}: it must end after it starts on the same day`);
  return interval;
}

function checkDate(value: string): string {
  const time = Date.parse(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== value) {
    throw new Error(`Invalid holiday date "${value}": use YYYY-MM-DD`);
  }
  return value;
}

function mergeIntervals(intervals: [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [s, e] of [...intervals].sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Throws a plain Error naming the problem (unknown zone, malformed time or date). */
export function compileCalendar(spec: CalendarSpec): CompiledCalendar {
  return new CompiledCalendar(spec);
}

/** 24/7 in UTC: "calendar time" that is plain elapsed time. */
const ALL_DAY: [string, string][] = [['00:00', '24:00']];
export const ALWAYS_OPEN: CompiledCalendar = compileCalendar({
  timezone: 'UTC',
  weekly: Object.fromEntries(WEEKDAYS.map((day) => [day, ALL_DAY])),
  holidays: [],
});

function ensureCanOpen(cal: CompiledCalendar) {
  if (cal.neverOpen) throw new Error(`The calendar (${cal.timezone}) has no open time in its week`);
}

/**
 * The instant at which `ms` of open time has elapsed after `start`: the earliest such instant, so
 * it is open or exactly the end of an interval. Closed time before the first opening does not count.
 */
export function addBusinessTime(start: Date, ms: number, cal: CompiledCalendar): Date {
  if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`Business time must be a finite, non-negative number of ms (got ${ms})`);
  const t = start.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid start date');
  if (cal.alwaysOpen) return new Date(t + ms);
  ensureCanOpen(cal);
  let remaining = ms;
  const first = cal.dayOf(t);
  for (let n = first; n <= first + MAX_SEARCH_DAYS; n++) {
    const day = cal.day(n);
    if (day.total === 0) continue;
    if (remaining > day.total && t <= day.open[0]!) {
      remaining -= day.total;
      continue;
    }
    const { open } = day;
    for (let i = 0; i < open.length; i += 2) {
      const e = open[i + 1]!;
      if (e <= t) continue;
      const from = Math.max(open[i]!, t);
      if (remaining <= e - from) return new Date(from + remaining);
      remaining -= e - from;
    }
  }
  throw new Error(`No open time within ${MAX_SEARCH_DAYS} days after ${start.toISOString()} in this calendar (${cal.timezone})`);
}

/** How far ahead `addBusinessTime` looks before it gives up. */
export const SEARCH_HORIZON_DAYS = MAX_SEARCH_DAYS;

/**
 * Open time that any window of SEARCH_HORIZON_DAYS is sure to hold, whenever it starts: the
 * whole weeks in it, less every holiday's hours (wherever they fall) and an hour or two that a
 * clock change may skip. A duration up to this always falls due; `addBusinessTime` never gives up on it.
 */
export function guaranteedOpenTime(cal: CompiledCalendar): number {
  if (cal.alwaysOpen) return Infinity;
  const minutesOf = (weekday: number) => cal.weekly[weekday]!.reduce((sum, [s, e]) => sum + (e - s), 0);
  const weekMinutes = [0, 1, 2, 3, 4, 5, 6].reduce((sum, weekday) => sum + minutesOf(weekday), 0);
  let holidayMinutes = 0;
  for (const date of cal.holidays) holidayMinutes += minutesOf((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7);
  const clockChangeMs = 2 * 3_600_000;
  return Math.max(0, (Math.floor(MAX_SEARCH_DAYS / 7) - 1) * weekMinutes * MINUTE - holidayMinutes * MINUTE - clockChangeMs);
}

/** `at` when the calendar is open then, otherwise the start of the next open interval. */
export function nextOpening(at: Date, cal: CompiledCalendar): Date {
  return addBusinessTime(at, 0, cal);
}

export function isOpen(at: Date, cal: CompiledCalendar): boolean {
  if (cal.alwaysOpen) return true;
  const t = at.getTime();
  const { open } = cal.day(cal.dayOf(t));
  for (let i = 0; i < open.length; i += 2) {
    if (t < open[i]!) return false;
    if (t < open[i + 1]!) return true;
  }
  return false;
}

/** Open milliseconds in [a, b); 0 when b <= a. */
export function businessTimeBetween(a: Date, b: Date, cal: CompiledCalendar): number {
  const from = a.getTime();
  const to = b.getTime();
  if (!(to > from)) return 0;
  if (cal.alwaysOpen) return to - from;
  let sum = 0;
  for (let n = cal.dayOf(from); ; n++) {
    const day = cal.day(n);
    if (day.start >= to) break;
    if (day.start >= from && day.end <= to) {
      sum += day.total;
      continue;
    }
    const { open } = day;
    for (let i = 0; i < open.length; i += 2) {
      const s = Math.max(open[i]!, from);
      const e = Math.min(open[i + 1]!, to);
      if (e > s) sum += e - s;
    }
  }
  return sum;
}
