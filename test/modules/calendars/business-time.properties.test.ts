import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { WEEKDAYS, type CalendarSpec } from '../../../src/modules/calendars/calendar-spec.ts';
import {
  ALWAYS_OPEN,
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  isOpen,
  guaranteedOpenTime,
  type CompiledCalendar,
} from '../../../src/modules/calendars/business-time.ts';

const H = 3_600_000;
const RUNS = 300;

// Zones with DST both ways, half-hour DST (Lord Howe), southern hemisphere, odd offsets and none.
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Shanghai', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kathmandu', 'Pacific/Chatham'];
const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2027, 0, 1);

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** 0–3 disjoint intervals on a quarter-hour grid, "24:00" included. */
const day = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }).map((points) => {
  const sorted = [...points].sort((a, b) => a - b);
  const intervals: [string, string][] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push([hhmm(sorted[i]! * 15), hhmm(sorted[i + 1]! * 15)]);
  return intervals;
});

const specs = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    days: fc.array(day, { minLength: 7, maxLength: 7 }),
    holidays: fc.uniqueArray(fc.integer({ min: 0, max: 3 * 366 }), { maxLength: 40 }),
  })
  .filter(({ days }) => days.some((d) => d.length > 0))
  .map(
    ({ timezone, days, holidays }): CalendarSpec => ({
      timezone,
      weekly: Object.fromEntries(WEEKDAYS.map((name, i) => [name, days[i]!])),
      holidays: holidays.map((offset) => ({ date: new Date(FROM + offset * 86_400_000).toISOString().slice(0, 10) })),
    }),
  );

// Compiling is cheap, but sharing compiled calendars across runs also exercises the day cache.
const compiled = new Map<string, CompiledCalendar>();
const calendars = specs.map((spec) => {
  const key = JSON.stringify(spec);
  let cal = compiled.get(key);
  if (!cal) compiled.set(key, (cal = compileCalendar(spec)));
  return cal;
});
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Wall-clock reading of a spec, independent of the engine; undefined on days with a DST change. */
function openByWallClock(spec: CalendarSpec, at: Date): boolean | undefined {
  const local = DateTime.fromJSDate(at, { zone: spec.timezone });
  const midnight = local.startOf('day');
  if (midnight.offset !== midnight.plus({ days: 1 }).offset || midnight.offset !== local.offset) return undefined;
  if (spec.holidays.some((h) => h.date === local.toISODate())) return false;
  const minutes = local.hour * 60 + local.minute + (local.second * 1000 + local.millisecond) / 60_000;
  return (spec.weekly[WEEKDAYS[local.weekday - 1]!] ?? []).some(([s, e]) => minutesOf(s) <= minutes && minutes < minutesOf(e));
}

const instants = fc.integer({ min: FROM, max: TO }).map((t) => new Date(t));
const durations = fc.oneof(fc.integer({ min: 0, max: 200 * H }), fc.constantFrom(0, 1, H, 8 * H), fc.integer({ min: 0, max: 2 * H }));

describe('business time properties', () => {
  it('agrees with a plain wall-clock reading of the calendar on ordinary days', () => {
    fc.assert(
      fc.property(specs, instants, (spec, at) => {
        const expected = openByWallClock(spec, at);
        if (expected !== undefined) expect(isOpen(at, compileCalendar(spec))).toBe(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('measures back exactly the duration it added, and ends on open time', () => {
    fc.assert(
      fc.property(calendars, instants, durations, (cal, start, ms) => {
        // Beyond what the search horizon guarantees, giving up is the documented answer (and the
        // API refuses such targets); e.g. 15 minutes a week cannot hold 130 hours within 10 years.
        fc.pre(ms <= guaranteedOpenTime(cal));
        const due = addBusinessTime(start, ms, cal);
        expect(due.getTime()).toBeGreaterThanOrEqual(start.getTime());
        expect(businessTimeBetween(start, due, cal)).toBe(ms);
        if (ms === 0) expect(isOpen(due, cal)).toBe(true);
        // The last millisecond before the deadline was open: it is the earliest such instant,
        // and it is never inside a closed period (at most exactly the end of an interval).
        else expect(isOpen(new Date(due.getTime() - 1), cal)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('is monotonic in the duration', () => {
    fc.assert(
      fc.property(calendars, instants, durations, durations, (cal, start, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        fc.pre(large <= guaranteedOpenTime(cal));
        expect(addBusinessTime(start, small, cal).getTime()).toBeLessThanOrEqual(addBusinessTime(start, large, cal).getTime());
      }),
      { numRuns: RUNS },
    );
  });

  it('adds up over consecutive ranges and agrees with isOpen millisecond by millisecond', () => {
    fc.assert(
      fc.property(calendars, fc.array(instants, { minLength: 3, maxLength: 3 }), (cal, points) => {
        const [a, b, c] = [...points].sort((x, y) => x.getTime() - y.getTime()) as [Date, Date, Date];
        expect(businessTimeBetween(a, b, cal) + businessTimeBetween(b, c, cal)).toBe(businessTimeBetween(a, c, cal));
        expect(businessTimeBetween(b, new Date(b.getTime() + 1), cal)).toBe(isOpen(b, cal) ? 1 : 0);
      }),
      { numRuns: RUNS },
    );
  });

  it('lets local days tile real time exactly, across every DST transition', () => {
    // Open all day every day, but with a holiday so the day-by-day path runs, not the 24/7 shortcut.
    const allDay: [string, string][] = [['00:00', '24:00']];
    const tiled = ZONES.map((timezone) =>
      compileCalendar({ timezone, weekly: Object.fromEntries(WEEKDAYS.map((d) => [d, allDay])), holidays: [{ date: '1999-12-31' }] }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...tiled), instants, fc.integer({ min: 0, max: 60 * 24 * H }), (cal, a, span) => {
        const b = new Date(a.getTime() + span);
        expect(businessTimeBetween(a, b, cal)).toBe(span);
        expect(addBusinessTime(a, span, cal).getTime()).toBe(b.getTime());
      }),
      { numRuns: RUNS },
    );
  });

  it('makes ALWAYS_OPEN plain arithmetic', () => {
    fc.assert(
      fc.property(instants, instants, durations, (a, b, ms) => {
        expect(addBusinessTime(a, ms, ALWAYS_OPEN).getTime()).toBe(a.getTime() + ms);
        expect(businessTimeBetween(a, b, ALWAYS_OPEN)).toBe(Math.max(0, b.getTime() - a.getTime()));
        expect(isOpen(a, ALWAYS_OPEN)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
