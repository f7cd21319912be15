import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createHarness, type Harness } from '../../support/harness.ts';
import { bucketsOf, wholePeriod, type Bucket } from '../../../src/modules/reports/buckets.ts';
import { binFacts, countFacts, type CountColumn } from '../../../src/modules/reports/counts.queries.ts';
import { rebuildRollups } from '../../../src/modules/reports/facts.apply.ts';
import { dimCode, FACT_KINDS } from '../../../src/modules/reports/dimensions.ts';
import type { ResolvedFilters } from '../../../src/modules/reports/fact-filters.ts';
import { binOf } from '../../../src/modules/reports/histogram.ts';

/**
 * Reports read whole UTC hours, days and months from the rollups and only the rest from the
 * facts. Whatever the zone (whole-hour, half-hour and 45-minute offsets, a DST change inside
 * the period) and the filters, the answer must be what counting the facts one by one gives.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

interface Fact { kind: number; at: Date; type: number; channel: number; priority: number; language: number; team: number; agent: number; outcome: number; calendarMs: number | null }

// Deterministic facts over the end of March 2026 (Berlin changes to summer time on the 29th), at any minute.
const FROM = Date.parse('2026-03-27T00:00:00Z');
const TO = Date.parse('2026-04-02T00:00:00Z');
function generate(count: number): Fact[] {
  let state = 12345;
  // mulberry32: every minute of the week is as likely (a plain LCG's low bits repeat)
  const next = (n: number) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  const kinds = [FACT_KINDS.created, FACT_KINDS.solved, FACT_KINDS.first_response, FACT_KINDS.resolution];
  return Array.from({ length: count }, () => {
    const kind = kinds[next(kinds.length)]!;
    const sla = kind === FACT_KINDS.first_response || kind === FACT_KINDS.resolution;
    return {
      kind,
      at: new Date(FROM + next((TO - FROM) / 60_000) * 60_000 + next(60) * 1000),
      type: next(4),
      channel: 1 + next(3),
      priority: 1 + next(4),
      language: next(3),
      team: next(3),
      agent: next(5),
      outcome: sla ? 1 + next(3) : 0,
      calendarMs: sla && next(4) ? 500 + next(5_000_000) : null,
    };
  });
}

const facts = generate(1500);
// some in the half hours of the period's ends and of every Kolkata day (the fringes read from the facts)
const halfHours = facts.filter((f) => f.at.getUTCMinutes() >= 30).length;
const inside = (f: Fact, b: Bucket) => f.at >= b.start && f.at < b.end;
const matches = (f: Fact, filters: ResolvedFilters) => (Object.entries(filters) as [keyof Fact, number[]][]).every(([d, values]) => values.includes(f[d] as number));

/** What countFacts should answer, by counting the facts one by one. */
function expectedCounts(buckets: Bucket[], filters: ResolvedFilters, set: readonly CountColumn[]) {
  const out = new Map<string, { n: number; calendarMs: number; timed: number }>();
  const over = set.includes('bucket') ? buckets : wholePeriod({ from: buckets[0]!.start, to: buckets[buckets.length - 1]!.end });
  for (const b of over) {
    for (const f of facts) {
      if (!inside(f, b) || !matches(f, filters)) continue;
      const key = set.map((c) => (c === 'bucket' ? b.index : f[c as keyof Fact])).join('|');
      const acc = out.get(key) ?? out.set(key, { n: 0, calendarMs: 0, timed: 0 }).get(key)!;
      acc.n += 1;
      acc.calendarMs += f.calendarMs ?? 0;
      acc.timed += f.calendarMs === null ? 0 : 1;
    }
  }
  return Object.fromEntries([...out].sort());
}

describe('reads by grain', () => {
  beforeAll(async () => {
    const db = h.container.db.db;
    const values = facts.map((f, i) => sql`(${i + 1}, ${f.kind}, 1, ${f.at.toISOString()}::timestamptz, ${f.type}, ${f.channel}, ${f.priority}, ${f.language}, ${f.team}, ${f.agent}, ${f.outcome}, 0, ${f.calendarMs}::bigint, ${f.calendarMs}::bigint)`);
    await db.execute(sql`INSERT INTO report_facts (ticket_no, kind, ord, at, type, channel, priority, language, team, agent, outcome, detail, calendar_ms, business_ms) VALUES ${sql.join(values, sql`, `)}`);
    await rebuildRollups(db);
    const { rows } = await db.execute<{ grain: number; n: number }>(sql`SELECT grain, count(*)::int AS n FROM report_rollups GROUP BY grain ORDER BY grain`);
    expect(rows.map((r) => r.grain)).toEqual([0, 1, 2]);
    // the daily pairs are there to be read (an agent's or a team's work on one type)
    const daily = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM report_rollups WHERE grain = 1 AND dim IN (${dimCode(['type', 'team'])}, ${dimCode(['type', 'agent'])})`);
    expect(daily.rows[0]!.n).toBeGreaterThan(100);
    expect(halfHours).toBeGreaterThan(500);
  });

  const period = { from: new Date('2026-03-27T05:30:00Z'), to: new Date('2026-04-01T20:45:00Z') };
  const cases = [
    ['Asia/Shanghai', 'day'],
    ['Asia/Kolkata', 'day'],
    ['Asia/Kathmandu', 'hour'],
    ['Europe/Berlin', 'day'],
    ['America/New_York', 'week'],
    ['UTC', 'hour'],
    ['Australia/Adelaide', 'month'],
  ] as const;
  const sets: CountColumn[][] = [['bucket', 'kind'], ['bucket', 'kind', 'channel'], ['bucket', 'kind', 'agent'], ['kind', 'type'], ['kind', 'team', 'outcome']];
  const filterings: ResolvedFilters[] = [{}, { channel: [1, 2] }, { agent: [3] }, { type: [1] }, { type: [0, 2], team: [1] }, { type: [1], priority: [2, 3] }];

  it.each(cases)('counts in %s by %s equal the facts counted one by one, with and without filters', async (zone, unit) => {
    const buckets = bucketsOf(period, zone, unit);
    for (const filters of filterings) {
      const rows = await countFacts(h.container.db.db, { kinds: ['created', 'solved', 'first_response', 'resolution'], buckets, filters, sets });
      sets.forEach((set, index) => {
        const got = Object.fromEntries(
          rows.filter((r) => r.set === index).map((r) => [set.map((c) => r[c]).join('|'), { n: r.n, calendarMs: r.calendarMs, timed: r.timed }]).sort(),
        );
        expect(got, `${zone} ${unit} ${JSON.stringify(filters)} ${set.join(',')}`).toEqual(expectedCounts(buckets, filters, set));
      });
    }
  });

  it.each(cases)('duration bins in %s by %s equal the facts binned one by one', async (zone, unit) => {
    const buckets = bucketsOf(period, zone, unit);
    for (const filters of filterings) {
      const rows = await binFacts(h.container.db.db, { kinds: ['first_response', 'resolution'], buckets, filters, sets: [['bucket', 'kind'], ['kind', 'channel']] });
      const got = Object.fromEntries(
        rows.flatMap((r) => [...r.calendar].flatMap((n, bin) => (n ? [[`${r.set}|${r.groups.bucket}|${r.groups.kind}|${r.groups.channel}|${bin}`, n] as const] : []))).sort(),
      );
      const want = new Map<string, number>();
      for (const b of buckets) {
        for (const f of facts) {
          if (f.calendarMs === null || !inside(f, b) || !matches(f, filters) || (f.kind !== FACT_KINDS.first_response && f.kind !== FACT_KINDS.resolution)) continue;
          for (const key of [`0|${b.index}|${f.kind}|-1|${binOf(f.calendarMs)}`, `1|-1|${f.kind}|${f.channel}|${binOf(f.calendarMs)}`]) want.set(key, (want.get(key) ?? 0) + 1);
        }
      }
      expect(got, `${zone} ${unit} ${JSON.stringify(filters)}`).toEqual(Object.fromEntries([...want].sort()));
    }
  });
});
