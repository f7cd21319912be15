import { describe, expect, it } from 'vitest';
import type { CalendarSpec } from '../../../src/modules/calendars/calendar-spec.ts';
import {
  ALWAYS_OPEN,
  addBusinessTime,
  businessTimeBetween,
  compileCalendar,
  isOpen,
  nextOpening,
} from '../../../src/modules/calendars/business-time.ts';

const MIN = 60_000;
const H = 60 * MIN;
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

type Interval = [string, string];
const weekdays = (...intervals: Interval[]): CalendarSpec['weekly'] => ({ mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals });
const calendar = (timezone: string, weekly: CalendarSpec['weekly'], holidays: string[] = []) =>
  compileCalendar({ timezone, weekly, holidays: holidays.map((date) => ({ date })) });

// 2024-01-15 is a Monday; Berlin is UTC+1 in January.
const berlin = calendar('Europe/Berlin', weekdays(['09:00', '12:00'], ['13:00', '18:00']), ['2024-01-22']);
const add = (start: string, ms: number) => iso(addBusinessTime(at(start), ms, berlin));

describe('addBusinessTime with a lunch break (Europe/Berlin, winter)', () => {
  it('skips the lunch break', () => {
    expect(add('2024-01-15T11:00:00+01:00', 2 * H)).toBe(iso(at('2024-01-15T14:00:00+01:00')));
  });

  it('starts counting at the next opening when started inside a closed period', () => {
    expect(add('2024-01-15T12:30:00+01:00', 30 * MIN)).toBe(iso(at('2024-01-15T13:30:00+01:00')));
    expect(add('2024-01-15T07:00:00+01:00', H)).toBe(iso(at('2024-01-15T10:00:00+01:00')));
    expect(add('2024-01-15T19:00:00+01:00', H)).toBe(iso(at('2024-01-16T10:00:00+01:00')));
  });

  it('lands on the end of an interval rather than the next opening', () => {
    expect(add('2024-01-15T09:00:00+01:00', 3 * H)).toBe(iso(at('2024-01-15T12:00:00+01:00')));
    const end = add('2024-01-15T09:00:00+01:00', 3 * 8 * H);
    expect(end).toBe(iso(at('2024-01-17T18:00:00+01:00')));
    expect(isOpen(at(end), berlin)).toBe(false);
  });

  it('skips weekends and holidays', () => {
    // Friday 17:00: one hour on Friday, Monday the 22nd is a holiday, so Tuesday 10:00
    expect(add('2024-01-19T17:00:00+01:00', 2 * H)).toBe(iso(at('2024-01-23T10:00:00+01:00')));
    expect(add('2024-01-12T17:00:00+01:00', 2 * H)).toBe(iso(at('2024-01-15T10:00:00+01:00')));
  });

  it('answers the start when open and the next opening when closed, for a zero duration', () => {
    expect(add('2024-01-15T10:15:00+01:00', 0)).toBe(iso(at('2024-01-15T10:15:00+01:00')));
    expect(add('2024-01-15T12:00:00+01:00', 0)).toBe(iso(at('2024-01-15T13:00:00+01:00')));
    expect(iso(nextOpening(at('2024-01-20T10:00:00+01:00'), berlin))).toBe(iso(at('2024-01-23T09:00:00+01:00')));
  });

  it('measures open time between two instants', () => {
    const between = (a: string, b: string) => businessTimeBetween(at(a), at(b), berlin);
    expect(between('2024-01-15T00:00:00+01:00', '2024-01-16T00:00:00+01:00')).toBe(8 * H);
    expect(between('2024-01-15T11:30:00+01:00', '2024-01-15T13:30:00+01:00')).toBe(H);
    expect(between('2024-01-15T00:00:00+01:00', '2024-01-29T00:00:00+01:00')).toBe(9 * 8 * H);
    expect(between('2024-01-16T00:00:00+01:00', '2024-01-15T00:00:00+01:00')).toBe(0);
  });

  it('tells open from closed, an interval end being closed', () => {
    expect(isOpen(at('2024-01-15T09:00:00+01:00'), berlin)).toBe(true);
    expect(isOpen(at('2024-01-15T11:59:59.999+01:00'), berlin)).toBe(true);
    expect(isOpen(at('2024-01-15T12:00:00+01:00'), berlin)).toBe(false);
    expect(isOpen(at('2024-01-22T10:00:00+01:00'), berlin)).toBe(false);
    expect(isOpen(at('2024-01-20T10:00:00+01:00'), berlin)).toBe(false);
  });
});

describe('split shifts and "24:00" (Asia/Shanghai, no DST)', () => {
  const shanghai = calendar(
    'Asia/Shanghai',
    { ...weekdays(['08:00', '11:00'], ['17:00', '21:00']), sat: [['20:00', '24:00']], sun: [['00:00', '02:00']] },
    ['2024-10-01', '2024-10-02', '2024-10-03'],
  );

  it('carries time from the morning shift to the evening shift', () => {
    expect(iso(addBusinessTime(at('2024-09-02T10:00:00+08:00'), 2 * H, shanghai))).toBe(iso(at('2024-09-02T18:00:00+08:00')));
  });

  it('runs across midnight when one day ends at 24:00 and the next starts at 00:00', () => {
    expect(iso(addBusinessTime(at('2024-09-07T23:00:00+08:00'), 2 * H, shanghai))).toBe(iso(at('2024-09-08T01:00:00+08:00')));
    expect(isOpen(at('2024-09-08T00:00:00+08:00'), shanghai)).toBe(true);
    expect(businessTimeBetween(at('2024-09-07T00:00:00+08:00'), at('2024-09-09T00:00:00+08:00'), shanghai)).toBe(6 * H);
  });

  it('skips a holiday week', () => {
    expect(iso(addBusinessTime(at('2024-09-30T20:00:00+08:00'), 2 * H, shanghai))).toBe(iso(at('2024-10-04T09:00:00+08:00')));
  });
});

describe('daylight saving time', () => {
  const allDay = (timezone: string, date: string) => {
    const dayName = (['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[new Date(`${date}T12:00:00Z`).getUTCDay()]!;
    return calendar(timezone, { [dayName]: [['00:00', '24:00']] });
  };

  it.each([
    ['Europe/Berlin', '2024-03-31', '2024-03-30T23:00:00Z', '2024-03-31T22:00:00Z', 23],
    ['Europe/Berlin', '2024-10-27', '2024-10-26T22:00:00Z', '2024-10-27T23:00:00Z', 25],
    ['America/New_York', '2024-03-10', '2024-03-10T05:00:00Z', '2024-03-11T04:00:00Z', 23],
    ['America/New_York', '2024-11-03', '2024-11-03T04:00:00Z', '2024-11-04T05:00:00Z', 25],
  ])('%s on %s is open for the real length of the day', (zone, date, start, end, hours) => {
    const cal = allDay(zone, date);
    expect(businessTimeBetween(at(start), at(end), cal)).toBe(hours * H);
    expect(iso(addBusinessTime(at(start), hours * H, cal))).toBe(iso(at(end)));
    expect(iso(nextOpening(new Date(at(start).getTime() - H), cal))).toBe(iso(at(start)));
  });

  it('counts real elapsed time in an interval spanning the changed hour', () => {
    const spring = calendar('Europe/Berlin', { sun: [['01:00', '04:00']] });
    expect(businessTimeBetween(at('2024-03-30T00:00:00Z'), at('2024-04-01T00:00:00Z'), spring)).toBe(2 * H);
    const fall = calendar('Europe/Berlin', { sun: [['01:00', '04:00']] });
    expect(businessTimeBetween(at('2024-10-26T00:00:00Z'), at('2024-10-28T00:00:00Z'), fall)).toBe(4 * H);
    // 03:30 CET is 02:30Z, 3.5 hours after 01:00 CEST (23:00Z the day before)
    expect(iso(addBusinessTime(at('2024-10-26T12:00:00Z'), 3.5 * H, fall))).toBe('2024-10-27T02:30:00.000Z');
  });

  it('moves a skipped local time forward and takes the first of a repeated one', () => {
    // 02:30 does not exist on 2024-03-31 in Berlin: like luxon, it becomes 03:30 CEST (01:30Z).
    const spring = calendar('Europe/Berlin', { sun: [['02:30', '05:00']] });
    expect(iso(nextOpening(at('2024-03-30T12:00:00Z'), spring))).toBe('2024-03-31T01:30:00.000Z');
    expect(businessTimeBetween(at('2024-03-30T12:00:00Z'), at('2024-04-01T00:00:00Z'), spring)).toBe(1.5 * H);
    // 02:30 happens twice on 2024-10-27: the interval opens at the first (00:30Z) and ends at 04:00 CET.
    const fall = calendar('Europe/Berlin', { sun: [['02:30', '04:00']] });
    expect(iso(nextOpening(at('2024-10-26T12:00:00Z'), fall))).toBe('2024-10-27T00:30:00.000Z');
    expect(businessTimeBetween(at('2024-10-26T12:00:00Z'), at('2024-10-28T00:00:00Z'), fall)).toBe(2.5 * H);
  });

  it('keeps office hours in local time on both sides of a transition', () => {
    const ny = calendar('America/New_York', weekdays(['09:00', '17:00']));
    // Friday 16:00 EST + 2h: 1h on Friday, then Monday opens at 09:00 EDT (13:00Z)
    expect(iso(addBusinessTime(at('2024-03-08T16:00:00-05:00'), 2 * H, ny))).toBe('2024-03-11T14:00:00.000Z');
    expect(iso(addBusinessTime(at('2024-11-01T16:00:00-04:00'), 2 * H, ny))).toBe('2024-11-04T15:00:00.000Z');
    const de = calendar('Europe/Berlin', weekdays(['09:00', '12:00'], ['13:00', '18:00']));
    expect(iso(addBusinessTime(at('2024-03-29T16:00:00+01:00'), 4 * H, de))).toBe('2024-04-01T09:00:00.000Z');
    expect(iso(addBusinessTime(at('2024-10-25T17:00:00+02:00'), 4 * H, de))).toBe('2024-10-28T11:00:00.000Z');
  });
});

describe('bad calendars and arguments', () => {
  it('rejects an unknown time zone and malformed times with a clear message', () => {
    expect(() => calendar('Mars/Olympus_Mons', weekdays(['09:00', '17:00']))).toThrow(/time zone "Mars\/Olympus_Mons"/);
    expect(() => calendar('UTC', weekdays(['09:00', '25:00']))).toThrow(/Invalid local time "25:00"/);
    expect(() => calendar('UTC', weekdays(['17:00', '09:00']))).toThrow(/must end after it starts/);
    expect(() => calendar('UTC', weekdays(['09:00', '17:00']), ['2024-02-30'])).toThrow(/Invalid holiday date/);
  });

  it('throws instead of searching forever when the calendar never opens', () => {
    const never = calendar('UTC', {});
    expect(() => addBusinessTime(at('2024-01-01T00:00:00Z'), H, never)).toThrow(/no open time/);
    expect(isOpen(at('2024-01-01T00:00:00Z'), never)).toBe(false);
    expect(businessTimeBetween(at('2024-01-01T00:00:00Z'), at('2025-01-01T00:00:00Z'), never)).toBe(0);
    // Open on Mondays only, and every Monday for the next eleven years is a holiday.
    const mondays = Array.from({ length: 11 * 53 }, (_, i) => new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10));
    const holidays = calendar('UTC', { mon: [['09:00', '10:00']] }, mondays);
    expect(() => addBusinessTime(at('2024-01-01T00:00:00Z'), H, holidays)).toThrow(/No open time within/);
  });

  it('refuses negative or non-finite durations', () => {
    expect(() => addBusinessTime(at('2024-01-01T00:00:00Z'), -1, berlin)).toThrow(RangeError);
    expect(() => addBusinessTime(at('2024-01-01T00:00:00Z'), Number.NaN, berlin)).toThrow(RangeError);
  });
});

describe('ALWAYS_OPEN', () => {
  it('is plain arithmetic', () => {
    expect(iso(addBusinessTime(at('2024-03-31T00:30:00Z'), 5 * H, ALWAYS_OPEN))).toBe('2024-03-31T05:30:00.000Z');
    expect(businessTimeBetween(at('2024-03-31T00:00:00Z'), at('2024-04-02T00:00:00Z'), ALWAYS_OPEN)).toBe(48 * H);
    expect(isOpen(at('2024-12-25T00:00:00Z'), ALWAYS_OPEN)).toBe(true);
  });
});
