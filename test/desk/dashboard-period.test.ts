import { describe, expect, it } from 'vitest';

/**
 * The dashboard's pure browser modules, run in Node: the period presets and custom dates read in
 * the viewer's zone (DST-correct), the bucket chosen for a period, and the reports' ISO durations.
 * Imported by URL: they are the browser's JavaScript, not part of the TypeScript program.
 */
const load = (path: string) => import(new URL(`../../src/desk/assets/pages/${path}`, import.meta.url).href);
const { periodOf, bucketFor, localDate } = await load('dashboard/period.js');
const { parseIsoDuration } = await load('shared/format.js');
const iso = (p: { from: Date; to: Date; bucket: string } | null) => p && [p.from.toISOString(), p.to.toISOString(), p.bucket];

describe('the dashboard period', () => {
  const now = new Date('2026-03-29T10:30:00Z');

  it('reads presets in the chosen zone: today from local midnight by hour, this quarter from its first local day', () => {
    expect(iso(periodOf({ preset: 'today', timeZone: 'Asia/Shanghai', now }))).toEqual(['2026-03-28T16:00:00.000Z', '2026-03-29T10:30:00.000Z', 'hour']);
    expect(iso(periodOf({ preset: 'today', timeZone: 'America/New_York', now }))).toEqual(['2026-03-29T04:00:00.000Z', '2026-03-29T10:30:00.000Z', 'hour']);
    expect(iso(periodOf({ preset: '7d', timeZone: 'UTC', now }))).toEqual(['2026-03-22T10:30:00.000Z', '2026-03-29T10:30:00.000Z', 'day']);
    expect(iso(periodOf({ preset: 'quarter', timeZone: 'Asia/Shanghai', now }))).toEqual(['2025-12-31T16:00:00.000Z', '2026-03-29T10:30:00.000Z', 'day']);
    expect(iso(periodOf({ preset: 'quarter', timeZone: 'UTC', now: new Date('2026-11-15T00:00:00Z') }))).toEqual(['2026-10-01T00:00:00.000Z', '2026-11-15T00:00:00.000Z', 'day']);
  });

  it('takes custom dates as whole local days, both included: a DST day is 23 hours; reversed or missing dates are no period', () => {
    expect(iso(periodOf({ preset: 'custom', timeZone: 'Europe/Berlin', now, customFrom: '2026-03-29', customTo: '2026-03-29' }))).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 'hour']);
    expect(iso(periodOf({ preset: 'custom', timeZone: 'Asia/Kolkata', now, customFrom: '2026-01-01', customTo: '2026-03-31' }))).toEqual(['2025-12-31T18:30:00.000Z', '2026-03-31T18:30:00.000Z', 'day']);
    expect(periodOf({ preset: 'custom', timeZone: 'UTC', now, customFrom: '2026-03-10', customTo: '2026-03-09' })).toBeNull();
    expect(periodOf({ preset: 'custom', timeZone: 'UTC', now, customFrom: '', customTo: '2026-03-09' })).toBeNull();
    expect(localDate(now, 'Pacific/Kiritimati')).toBe('2026-03-30');
  });

  it('picks hours up to two days, days up to a quarter, then weeks and months (never over the reports’ 1,000 buckets)', () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const after = (days: number) => new Date(from.getTime() + days * 86_400_000);
    expect([2, 3, 93, 94, 731, 732, 3650].map((d) => bucketFor(from, after(d)))).toEqual(['hour', 'day', 'day', 'week', 'week', 'month', 'month']);
  });

  it('reads the ISO 8601 durations the reports send', () => {
    expect(['PT0S', 'PT45S', 'PT1H2M3.5S', 'P2DT3H', 'PT90M', null, 'junk'].map(parseIsoDuration)).toEqual([0, 45_000, 3_723_500, 51 * 3_600_000, 5_400_000, null, null]);
  });
});
