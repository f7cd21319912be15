import { IANAZone } from 'luxon';

const DAY = 86_400_000;
const SECOND = 1_000;
/** Offsets lie within [-12h, +14h]; a local time maps to an instant within that window of it. */
const BEFORE = 15 * 3_600_000;
const AFTER = 13 * 3_600_000;
/** A bound on memory for long-running processes; refilling costs one Intl call per UTC day. */
const MAX_CACHED_DAYS = 50_000;

/** A UTC day's offset: constant, or one change at `at` (the first instant with `after`). */
type DayOffset = number | { before: number; at: number; after: number };

/**
 * UTC offsets of one IANA zone, in milliseconds, memoised per UTC day.
 *
 * luxon's `IANAZone.offset` goes through `Intl.DateTimeFormat#formatToParts` (several µs a call);
 * business-time arithmetic asks for offsets many times per day it looks at. Zones change offset
 * at most once a day, so one Intl call per UTC day (its midnight) settles the whole day, and a
 * binary search to the second finds the rare transition.
 */
export class ZoneOffsets {
  readonly #zone: IANAZone;
  readonly #samples = new Map<number, number>();
  readonly #days = new Map<number, DayOffset>();

  constructor(name: string) {
    this.#zone = IANAZone.create(name);
    if (!this.#zone.isValid) throw new Error(`Unknown IANA time zone "${name}"`);
  }

  /** Offset (local minus UTC) at instant `t`, in ms. */
  at(t: number): number {
    const day = Math.floor(t / DAY);
    let entry = this.#days.get(day);
    if (entry === undefined) entry = this.#fill(day);
    if (typeof entry === 'number') return entry;
    return t < entry.at ? entry.before : entry.after;
  }

  /**
   * The instant a local wall-clock time (given as ms since the epoch, as if it were UTC) names.
   * Times skipped by a spring-forward move forward by the gap, as luxon does; times repeated by a
   * fall-back take their first occurrence, so the answer never depends on the current date.
   */
  toInstant(local: number): number {
    const early = this.at(local - BEFORE);
    const late = this.at(local + AFTER);
    if (early === late) return local - early;
    const first = local - early;
    const second = local - late;
    const firstValid = this.at(first) === early;
    const secondValid = this.at(second) === late;
    if (firstValid && secondValid) return Math.min(first, second);
    if (firstValid) return first;
    if (secondValid) return second;
    return local - Math.min(early, late);
  }

  #raw(t: number): number {
    let offset = this.#samples.get(t);
    if (offset === undefined) {
      offset = Math.round(this.#zone.offset(t) * 60_000);
      this.#samples.set(t, offset);
    }
    return offset;
  }

  #fill(day: number): DayOffset {
    if (this.#days.size > MAX_CACHED_DAYS) {
      this.#days.clear();
      this.#samples.clear();
    }
    const start = day * DAY;
    const before = this.#raw(start);
    const after = this.#raw(start + DAY);
    let entry: DayOffset = before;
    if (before !== after) {
      // Smallest whole second in (start, start + DAY] that already has the new offset.
      let lo = 0;
      let hi = DAY / SECOND;
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if (Math.round(this.#zone.offset(start + mid * SECOND) * 60_000) === before) lo = mid;
        else hi = mid;
      }
      entry = { before, at: start + hi * SECOND, after };
    }
    this.#days.set(day, entry);
    return entry;
  }
}

const zones = new Map<string, ZoneOffsets>();

/** One shared offset table per zone: every calendar in a zone benefits from the same samples. */
export function zoneOffsets(name: string): ZoneOffsets {
  let zone = zones.get(name);
  if (!zone) {
    zone = new ZoneOffsets(name);
    zones.set(name, zone);
  }
  return zone;
}
