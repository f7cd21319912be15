import { describe, expect, it } from 'vitest';
import { bucketsOf, splitByGrains } from '../../../src/modules/reports/buckets.ts';

const period = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
const spans = (list: { start: Date; end: Date; label: string }[]) => list.map((b) => [b.label, b.start.toISOString(), b.end.toISOString()]);

describe('report buckets', () => {
  it('days in a zone with DST are 23 and 25 hours long at the changes', () => {
    // Berlin: clocks go forward on 2026-03-29 (02:00 → 03:00) and back on 2026-10-25 (03:00 → 02:00).
    const spring = bucketsOf(period('2026-03-27T23:00:00Z', '2026-03-30T22:00:00Z'), 'Europe/Berlin', 'day');
    expect(spans(spring)).toEqual([
      ['2026-03-28', '2026-03-27T23:00:00.000Z', '2026-03-28T23:00:00.000Z'],
      ['2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z'], // 23 hours
      ['2026-03-30', '2026-03-29T22:00:00.000Z', '2026-03-30T22:00:00.000Z'],
    ]);
    const autumn = bucketsOf(period('2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z'), 'Europe/Berlin', 'day');
    expect(spans(autumn)).toEqual([['2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z']]); // 25 hours
  });

  it('hours: the skipped local hour is absent, the repeated one is two buckets with two offsets', () => {
    const spring = bucketsOf(period('2026-03-29T00:00:00Z', '2026-03-29T02:00:00Z'), 'Europe/Berlin', 'hour');
    expect(spring.map((b) => b.label)).toEqual(['2026-03-29T01:00+01:00', '2026-03-29T03:00+02:00']);
    const autumn = bucketsOf(period('2026-10-25T00:00:00Z', '2026-10-25T02:00:00Z'), 'Europe/Berlin', 'hour');
    expect(autumn.map((b) => b.label)).toEqual(['2026-10-25T02:00+02:00', '2026-10-25T02:00+01:00']);
  });

  it('clips the first and last bucket to the period, and labels weeks and months in the zone', () => {
    const weeks = bucketsOf(period('2026-03-04T00:00:00Z', '2026-03-20T00:00:00Z'), 'Asia/Shanghai', 'week');
    expect(spans(weeks)).toEqual([
      ['2026-W10', '2026-03-04T00:00:00.000Z', '2026-03-08T16:00:00.000Z'],
      ['2026-W11', '2026-03-08T16:00:00.000Z', '2026-03-15T16:00:00.000Z'],
      ['2026-W12', '2026-03-15T16:00:00.000Z', '2026-03-20T00:00:00.000Z'],
    ]);
    const months = bucketsOf(period('2026-01-31T16:00:00Z', '2026-03-31T16:00:00Z'), 'Asia/Shanghai', 'month');
    expect(months.map((b) => b.label)).toEqual(['2026-02', '2026-03']);
  });

  it('half-hour zones: buckets start at :30 UTC', () => {
    const days = bucketsOf(period('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'), 'Asia/Kolkata', 'day');
    expect(days.map((b) => b.end.toISOString())[0]).toBe('2026-03-01T18:30:00.000Z');
  });

  it('splits buckets into whole UTC months, days and hours (the rollups) and the rest (the facts)', () => {
    const range = (list: { from: Date; to: Date }[]) => list.map((p) => [p.from.toISOString(), p.to.toISOString()]);
    const weeks = bucketsOf(period('2026-03-08T16:00:00Z', '2026-03-15T16:00:00Z'), 'Asia/Shanghai', 'week');
    const week = splitByGrains(weeks);
    expect(range(week.days)).toEqual([['2026-03-09T00:00:00.000Z', '2026-03-15T00:00:00.000Z']]);
    expect(range(week.hours)).toEqual([
      ['2026-03-08T16:00:00.000Z', '2026-03-09T00:00:00.000Z'],
      ['2026-03-15T00:00:00.000Z', '2026-03-15T16:00:00.000Z'],
    ]);
    expect(week.instants).toEqual([]);
    expect(week.months).toEqual([]);
    const utcDays = splitByGrains(bucketsOf(period('2026-03-01T00:00:00Z', '2026-03-03T00:00:00Z'), 'UTC', 'day'));
    expect(utcDays.instants).toEqual([]);
    expect(utcDays.days).toHaveLength(2);
    const shanghaiDays = splitByGrains(bucketsOf(period('2026-03-01T16:00:00Z', '2026-03-03T16:00:00Z'), 'Asia/Shanghai', 'day'));
    expect(shanghaiDays.days).toEqual([]); // a local day there straddles two UTC days: 24 UTC hours
    expect(range(shanghaiDays.hours)).toEqual([
      ['2026-03-01T16:00:00.000Z', '2026-03-02T16:00:00.000Z'],
      ['2026-03-02T16:00:00.000Z', '2026-03-03T16:00:00.000Z'],
    ]);
    expect(shanghaiDays.instants).toEqual([]);
    const year = splitByGrains([{ index: 0, start: new Date('2025-12-14T16:00:00Z'), end: new Date('2026-12-01T12:00:00Z'), label: 'total' }]);
    expect(range(year.months)).toEqual([['2026-01-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']]);
    expect(range(year.days)).toEqual([['2025-12-15T00:00:00.000Z', '2026-01-01T00:00:00.000Z']]);
    expect(range(year.hours)).toEqual([
      ['2025-12-14T16:00:00.000Z', '2025-12-15T00:00:00.000Z'],
      ['2026-12-01T00:00:00.000Z', '2026-12-01T12:00:00.000Z'],
    ]);
    expect(year.instants).toEqual([]);
  });

  it('half-hour zones: whole UTC hours from the rollups, only the half hours at each end from the facts', () => {
    const range = (list: { from: Date; to: Date }[]) => list.map((p) => [p.from.toISOString(), p.to.toISOString()]);
    // A Kolkata (UTC+5:30) day: 18:30 to 18:30 UTC.
    const day = splitByGrains(bucketsOf(period('2026-03-01T18:30:00Z', '2026-03-02T18:30:00Z'), 'Asia/Kolkata', 'day'));
    expect(range(day.instants)).toEqual([
      ['2026-03-01T18:30:00.000Z', '2026-03-01T19:00:00.000Z'],
      ['2026-03-02T18:00:00.000Z', '2026-03-02T18:30:00.000Z'],
    ]);
    expect(range(day.hours)).toEqual([['2026-03-01T19:00:00.000Z', '2026-03-02T18:00:00.000Z']]);
    // Kathmandu (UTC+5:45): a local hour is two quarter-hour fringes either side of no whole UTC hour.
    const hour = splitByGrains(bucketsOf(period('2026-03-01T00:15:00Z', '2026-03-01T01:15:00Z'), 'Asia/Kathmandu', 'hour'));
    expect(hour.hours).toEqual([]);
    expect(range(hour.instants)).toEqual([['2026-03-01T00:15:00.000Z', '2026-03-01T01:15:00.000Z']]);
  });
});
