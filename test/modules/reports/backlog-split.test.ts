import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, type Harness } from '../../support/harness.ts';
import { AGE_BANDS, backlogAt, type BacklogRow } from '../../../src/modules/reports/backlog.queries.ts';
import type { ResolvedFilters } from '../../../src/modules/reports/fact-filters.ts';

/**
 * The backlog reads the stretches that ended and those still running two different ways (GiST
 * lookups or a sweep; an index-only sweep of the running ones). Together they must count what
 * checking every stretch at every instant counts: open at T when since < T ≤ until, aged T − opened.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

interface Span { ticketNo: number; ord: number; status: number; since: number; until: number | null; openedAt: number; channel: number; team: number }

const HOUR = 3_600_000;
const BASE = Date.parse('2026-01-01T00:00:00Z');
let state = 7;
const next = (n: number) => {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
};
// Tickets opened over 60 days; stretches from minutes to weeks; a fifth still running (some for months).
const spans: Span[] = Array.from({ length: 400 }, (_, i) => {
  const openedAt = BASE + next(60 * 24) * HOUR + next(3600) * 1000;
  const since = openedAt + (next(3) === 0 ? 0 : next(72 * 3600) * 1000);
  const until = next(5) === 0 ? null : since + 1000 + next(next(4) === 0 ? 40 * 24 * 3600 : 30 * 3600) * 1000;
  return { ticketNo: i + 1, ord: 1, status: 1 + next(4), since, until, openedAt, channel: 1 + next(3), team: next(3) };
});

function expected(instants: Date[], filters: ResolvedFilters): BacklogRow[] {
  const out = new Map<string, BacklogRow>();
  instants.forEach((instant, at) => {
    const t = instant.getTime();
    for (const s of spans) {
      if (!(s.since < t && (s.until === null || t <= s.until))) continue;
      if (filters.channel && !filters.channel.includes(s.channel)) continue;
      const age = t - s.openedAt;
      const band = AGE_BANDS.reduce((found, b, i) => (age >= b.lowerMs ? i : found), 0);
      const key = `${at}|${s.status}|${band}`;
      const row = out.get(key) ?? out.set(key, { at, status: s.status, band, n: 0 }).get(key)!;
      row.n += 1;
    }
  });
  return [...out.values()];
}
const sorted = (rows: BacklogRow[]) => [...rows].sort((a, b) => a.at - b.at || a.status - b.status || a.band - b.band);

describe('the backlog, ended and running stretches', () => {
  beforeAll(async () => {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    const values = spans.map((s) => sql`(${s.ticketNo}, ${s.ord}, ${s.status}, ${iso(s.since)}::timestamptz, ${iso(s.until)}::timestamptz, ${iso(s.openedAt)}::timestamptz, 1, ${s.channel}, 1, 0, ${s.team}, 0)`);
    await h.container.db.db.execute(sql`INSERT INTO report_spans (ticket_no, ord, status, since, until, opened_at, type, channel, priority, language, team, agent) VALUES ${sql.join(values, sql`, `)}`);
    expect(spans.filter((s) => s.until === null).length).toBeGreaterThan(40);
  });

  it.each([
    ['a lookup per instant (ends of days)', 30, 24 * HOUR],
    ['one sweep (ends of hours)', 200, HOUR],
    ['one sweep (ends of half hours, past the last start)', 60, 30 * 60_000 + 24 * HOUR],
  ] as const)('%s counts what checking every stretch counts', async (_, count, step) => {
    const instants = Array.from({ length: count }, (_, i) => new Date(BASE + 5 * 24 * HOUR + 1800_000 + i * step));
    for (const filters of [{}, { channel: [2, 3] }] as ResolvedFilters[]) {
      const got = await backlogAt(h.container.db.db, { instants, filters });
      expect(sorted(got)).toEqual(sorted(expected(instants, filters)));
    }
  });
});
