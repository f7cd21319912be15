import { describe, expect, it } from 'vitest';
import { holidaysFromIcal, IcalError, mergeHolidays } from '../../../src/modules/calendars/holidays-ical.ts';

const calendar = (...events: string[][]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//tests//EN', ...events.flatMap((lines) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT']), 'END:VCALENDAR', ''].join('\r\n');
const now = new Date('2024-06-01T00:00:00Z');
const read = (text: string, timezone = 'Asia/Shanghai') => holidaysFromIcal(text, { timezone, now });

describe('holidaysFromIcal', () => {
  it('takes every date of all-day events, DTEND being exclusive', () => {
    const text = calendar(
      ['UID:a', 'DTSTART;VALUE=DATE:20241001', 'DTEND;VALUE=DATE:20241004', 'SUMMARY:National Day'],
      ['UID:b', 'DTSTART;VALUE=DATE:20240501', 'SUMMARY:Labour Day'],
      ['UID:c', 'DTSTART;VALUE=DATE:20200101', 'SUMMARY:Long past'],
    );
    expect(read(text)).toEqual([
      { date: '2020-01-01', name: 'Long past' },
      { date: '2024-05-01', name: 'Labour Day' },
      { date: '2024-10-01', name: 'National Day' },
      { date: '2024-10-02', name: 'National Day' },
      { date: '2024-10-03', name: 'National Day' },
    ]);
  });

  it('puts a timed event on its local date in the calendar\'s zone', () => {
    const text = calendar(
      ['UID:ny', 'DTSTART;TZID=America/New_York:20241224T230000', 'DTEND;TZID=America/New_York:20241225T000000', 'SUMMARY:Party'],
      ['UID:utc', 'DTSTART:20241231T200000Z', 'SUMMARY:Countdown'],
      ['UID:floating', 'DTSTART:20240910T230000', 'SUMMARY:Teachers\' Day eve'],
    );
    expect(read(text).map((h) => h.date)).toEqual(['2024-09-10', '2024-12-25', '2025-01-01']);
    expect(read(text, 'America/Los_Angeles').map((h) => h.date)).toEqual(['2024-09-10', '2024-12-24', '2024-12-31']);
  });

  it('expands recurring events from today to three years ahead, honouring EXDATE and moved occurrences', () => {
    const text = calendar(
      ['UID:ny', 'DTSTART;VALUE=DATE:20100101', 'RRULE:FREQ=YEARLY', 'EXDATE;VALUE=DATE:20260101', 'SUMMARY:New Year'],
      ['UID:ny', 'RECURRENCE-ID;VALUE=DATE:20250101', 'DTSTART;VALUE=DATE:20250102', 'SUMMARY:New Year (observed)'],
      ['UID:dec', 'DTSTART;VALUE=DATE:20231231', 'RRULE:FREQ=YEARLY;COUNT=3', 'SUMMARY:Year end'],
      ['UID:feb', 'DTSTART;VALUE=DATE:20200130', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'SUMMARY:Never'],
    );
    expect(read(text)).toEqual([
      { date: '2024-12-31', name: 'Year end' },
      { date: '2025-01-02', name: 'New Year (observed)' },
      { date: '2025-12-31', name: 'Year end' },
      { date: '2027-01-01', name: 'New Year' },
    ]);
  });

  it('skips cancelled events and cleans names', () => {
    const text = calendar(
      ['UID:x', 'DTSTART;VALUE=DATE:20241111', 'STATUS:CANCELLED', 'SUMMARY:Singles Day'],
      ['UID:y', 'DTSTART;VALUE=DATE:20241112', `SUMMARY:  ${'长'.repeat(300)}  `],
      ['UID:z', 'DTSTART;VALUE=DATE:20241113'],
    );
    const holidays = read(text);
    expect(holidays.map((h) => h.date)).toEqual(['2024-11-12', '2024-11-13']);
    expect(holidays[0]!.name).toHaveLength(200);
    expect(holidays[1]).toEqual({ date: '2024-11-13' });
  });

  it.each([
    ['plain text', 'hello', /invalid line/],
    ['an event outside a calendar', 'BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20240101\r\nEND:VEVENT\r\n', /expected BEGIN:VCALENDAR/],
    ['an unterminated calendar', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n', /did not end/],
    ['an event without DTSTART', calendar(['UID:q', 'SUMMARY:When?']), /event q has no DTSTART/],
    ['a malformed date', calendar(['UID:m', 'DTSTART;VALUE=DATE:2024xx01']), /event m:/],
    ['an unknown frequency', calendar(['UID:f', 'DTSTART;VALUE=DATE:20240101', 'RRULE:FREQ=SOMETIMES']), /invalid frequency/],
    ['a rule that expands too far', calendar(['UID:d', 'DTSTART;VALUE=DATE:19900101', 'RRULE:FREQ=DAILY']), /more than 5000 occurrences/],
  ])('rejects %s with a clear IcalError', (_label, text, message) => {
    const error = (() => {
      try {
        read(text);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(IcalError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('mergeHolidays', () => {
  it('keeps existing names, fills missing ones, adds new dates and sorts', () => {
    const merged = mergeHolidays(
      [{ date: '2024-10-01', name: '国庆节' }, { date: '2024-05-01' }],
      [{ date: '2024-05-01', name: 'Labour Day' }, { date: '2024-10-01', name: 'National Day' }, { date: '2024-01-01', name: 'New Year' }],
    );
    expect(merged).toEqual([
      { date: '2024-01-01', name: 'New Year' },
      { date: '2024-05-01', name: 'Labour Day' },
      { date: '2024-10-01', name: '国庆节' },
    ]);
  });
});
