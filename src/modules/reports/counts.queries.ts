import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { splitByGrains, wholePeriod, type Bucket, type Piece } from './buckets.ts';
import { dimCode, FACT_KINDS, GRAINS, grainKeeps, PAIR_KEY_LIMIT, PAIR_SHIFT, pairOf, type FactKind, type Grain } from './dimensions.ts';
import { filterSql, type ResolvedFilters } from './fact-filters.ts';
import { BINS, binSql } from './histogram.ts';

export const COUNT_COLUMNS = ['bucket', 'kind', 'outcome', 'detail', 'type', 'channel', 'priority', 'language', 'team', 'agent'] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];

/** The dimensions the rollups keep one at a time, with their `dim` code. */
export const DIMS = { type: 1, channel: 2, priority: 3, language: 4, team: 5, agent: 6 } as const;
export type Dim = keyof typeof DIMS;
const isDim = (column: string): column is Dim => column in DIMS;

export type CountRow = Record<CountColumn, number> & { set: number; n: number; calendarMs: number; businessMs: number; timed: number };
/** A group's duration histograms: counts per bin (histogram.ts), dense, on each clock. */
export interface HistogramRow {
  set: number;
  groups: Record<CountColumn, number>;
  calendar: Float64Array;
  business: Float64Array;
}

export interface CountQuery {
  kinds: readonly FactKind[];
  buckets: readonly Bucket[];
  filters: ResolvedFilters;
  sets: readonly (readonly CountColumn[])[];
}

/**
 * Where a grouping set is read from. The rollups keep each dimension alone per UTC day and month
 * and each pair of dimensions per UTC month. A set whose grouped and filtered dimensions are at
 * most one is read from them (whole UTC months and days) and the facts (the rest); one with two
 * reads whole months from the pair rollups and the rest from the facts; anything wider reads the
 * facts of the period (index-only scans of (kind, at), or the agent and team indexes).
 */
function planOf(set: readonly CountColumn[], filters: ResolvedFilters, pairs: boolean): { dims: Dim[] } | null {
  const dims = [...new Set([...set.filter(isDim), ...(Object.keys(filters) as (keyof ResolvedFilters)[]).filter(isDim)])];
  if (dims.length <= 1) return { dims };
  if (dims.length === 2 && pairs) return { dims: [...pairOf(dims[0]!, dims[1]!)] };
  return null;
}

/** Pairs pack two keys in an int: usable while every agent and team key is below the limit (they only grow). */
async function pairsUsable(db: Executor): Promise<boolean> {
  const { rows } = await db.execute<{ max: number | null }>(sql`SELECT max(id) AS max FROM report_keys`);
  return (rows[0]?.max ?? 0) < PAIR_KEY_LIMIT;
}

const iso = (d: Date) => d.toISOString();
/** Both bins of a fact on its row, grouped by each in turn (GROUPING SETS): half the rows of a cross join with the two clocks. */
const factBinColumns = sql`, ${binSql(sql`f.calendar_ms`)} AS cbin, ${binSql(sql`f.business_ms`)} AS bbin`;
/** A rollup slot: the UTC start as a timestamp without zone. */
const slotOf = (d: Date) => d.toISOString().slice(0, 19);
const pieces = (list: Piece[], asSlot: boolean) => {
  const cast = sql.raw(asSlot ? 'timestamp[]' : 'timestamptz[]');
  const at = asSlot ? slotOf : iso;
  return sql`unnest(${sql.param(list.map((p) => at(p.from)))}::${cast}, ${sql.param(list.map((p) => at(p.to)))}::${cast}, ${sql.param(list.map((p) => p.bucket))}::int[]) AS p(lo, hi, bucket)`;
};

/**
 * The rows of one set: from the facts, shaped (bucket, kind, outcome, detail, <columns>, n,
 * calendar_ms, business_ms, timed[, cbin, bbin]), and from the rollups, the same but with their
 * two histograms (calendar_hist, business_hist) in place of the bins when bins are asked for:
 * those are merged in JavaScript, since expanding every rollup row's histogram into rows in SQL
 * (jsonb_each_text, then GROUP BY) cost more than all the rest of a report.
 */
function sourceOf(q: CountQuery, set: readonly CountColumn[], withBins: boolean, pairs: boolean): { facts: SQL | null; rollups: SQL | null; columns: Record<CountColumn, SQL> } {
  const kinds = sql`${sql.param(q.kinds.map((k) => FACT_KINDS[k]))}::smallint[]`;
  const buckets = set.includes('bucket') ? q.buckets : wholePeriod({ from: q.buckets[0]!.start, to: q.buckets[q.buckets.length - 1]!.end });
  const plan = planOf(set, q.filters, pairs);
  // The pieces lead (LATERAL, OFFSET 0 so it is not flattened: a range scan of the index per piece, never a scan of every fact
  // filtered by a join, which the planner picked for a week of hours); the bins follow each fact.
  const factRows = (list: Piece[], dims: readonly Dim[]) => sql`
    SELECT p.bucket, f.kind, f.outcome, f.detail, ${sql.join(dims.map((d) => sql.raw(`f.${d} AS ${d}`)).concat(sql`1 AS n`), sql`, `)},
      coalesce(f.calendar_ms, 0) AS calendar_ms, coalesce(f.business_ms, 0) AS business_ms, (f.calendar_ms IS NOT NULL)::int AS timed
      ${withBins ? factBinColumns : sql``} FROM ${pieces(list, false)}
    CROSS JOIN LATERAL (
      SELECT * FROM report_facts f WHERE f.kind = ANY(${kinds}) AND f.at >= p.lo AND f.at < p.hi AND ${filterSql(q.filters, 'f')}${withBins ? sql` AND f.calendar_ms IS NOT NULL` : sql``} OFFSET 0
    ) AS f`;

  if (!plan) throw new Error('a set that crosses dimensions is read by factsGrouped');
  const split = splitByGrains(buckets);
  const dims = plan.dims;
  const pair = dims.length === 2;
  const byGrain = { hour: split.hours, day: split.days, month: split.months } as const;
  const grains = (Object.keys(byGrain) as Grain[]).filter((g) => byGrain[g].length);
  const branches: SQL[] = [];
  // What a grain does not keep (an agent's hours, a pair's days) joins the instants, read from the facts.
  const fromFacts = [split.instants, ...grains.filter((g) => !grainKeeps(g, dims)).map((g) => byGrain[g])].flat();
  const facts = fromFacts.length ? factRows(fromFacts, dims) : null;
  const valueOf = (d: Dim) => (!pair ? 'r.value' : d === dims[0] ? `(r.value / ${PAIR_SHIFT})` : `(r.value % ${PAIR_SHIFT})`);
  const valueFilters = dims.filter((d) => q.filters[d]).map((d) => {
    const wanted = q.filters[d]!;
    const exact = sql` AND ${sql.raw(valueOf(d))} = ANY(${sql.param(wanted)}::int[])`;
    if (!pair || d !== dims[0] || !wanted.length) return exact;
    // A filter on a pair's first dimension bounds its packed value: a range the index scan checks
    // itself, so the rows of other values are never fetched (a type's day pairs: a third of them).
    const lo = Math.max(0, Math.min(...wanted)) * PAIR_SHIFT;
    const hi = (Math.max(...wanted) + 1) * PAIR_SHIFT;
    return sql`${exact} AND r.value >= ${lo} AND r.value < ${hi}`;
  });
  for (const grain of grains.filter((g) => grainKeeps(g, dims))) {
    const list = byGrain[grain];
    branches.push(sql`
      SELECT p.bucket, r.kind, r.outcome, r.detail, ${sql.join(dims.map((d) => sql.raw(`${valueOf(d)} AS ${d}`)).concat(sql`r.n`), sql`, `)},
        r.calendar_ms, r.business_ms, r.timed${withBins ? sql`, r.calendar_hist, r.business_hist` : sql``}
      FROM ${pieces(list, true)}
      CROSS JOIN LATERAL (
        SELECT r.kind, r.outcome, r.detail, r.value, r.n, r.calendar_ms, r.business_ms, r.timed${withBins ? sql`, r.calendar_hist, r.business_hist` : sql``}
        FROM report_rollups r WHERE r.grain = ${GRAINS[grain]} AND r.kind = ANY(${kinds}) AND r.dim = ${dimCode(dims)} AND r.slot >= p.lo AND r.slot < p.hi
          AND ${withBins ? sql`r.timed <> 0` : sql`r.n <> 0`}${sql.join(valueFilters, sql``)} OFFSET 0
      ) AS r`);
  }
  return { facts, rollups: branches.length ? sql.join(branches, sql` UNION ALL `) : null, columns: columnsOf(dims) };
}

/** A row's groups: the set's columns from the row, -1 for the others. */
const groupsOf = (set: readonly string[], row: Record<string, unknown>) =>
  Object.fromEntries(COUNT_COLUMNS.map((c) => [c, set.includes(c) ? Number(row[c]) : -1])) as Record<CountColumn, number>;

const columnsOf = (dims: readonly Dim[]) =>
  Object.fromEntries(COUNT_COLUMNS.map((c) => [c, isDim(c) ? (dims.includes(c) ? sql.raw(`x.${c}`) : sql`-1`) : sql.raw(`x.${c}`)])) as Record<CountColumn, SQL>;

/**
 * The sets that cross two dimensions, in one scan of the period's facts (GROUPING SETS), each
 * row told apart by GROUPING(); the rollup-able sets go their own way.
 */
async function factsGrouped(db: Executor, q: CountQuery, indexed: { set: readonly CountColumn[]; index: number }[], withBins: boolean) {
  if (!indexed.length) return [];
  const used = COUNT_COLUMNS.filter((c) => indexed.some(({ set }) => set.includes(c)));
  const all = q.buckets.map((b) => ({ bucket: b.index, from: b.start, to: b.end }));
  const kinds = sql`${sql.param(q.kinds.map((k) => FACT_KINDS[k]))}::smallint[]`;
  const bins = withBins ? ['cbin', 'bbin'] : [];
  const sets = sql.raw(indexed.flatMap(({ set }) => (withBins ? bins.map((bin) => [...set, bin]) : [[...set]])).map((columns) => `(${columns.join(', ')})`).join(', '));
  const source = sql`
    SELECT p.bucket, f.kind, f.outcome, f.detail, f.type, f.channel, f.priority, f.language, f.team, f.agent,
      coalesce(f.calendar_ms, 0) AS calendar_ms, coalesce(f.business_ms, 0) AS business_ms, (f.calendar_ms IS NOT NULL)::int AS timed
      ${withBins ? factBinColumns : sql``}
    FROM ${pieces(all, false)}
    CROSS JOIN LATERAL (
      SELECT * FROM report_facts f WHERE f.kind = ANY(${kinds}) AND f.at >= p.lo AND f.at < p.hi AND ${filterSql(q.filters, 'f')}${withBins ? sql` AND f.calendar_ms IS NOT NULL` : sql``} OFFSET 0
    ) AS f`;
  const { rows } = await db.execute<Record<string, string | number | null>>(sql`
    SELECT ${sql.raw(`GROUPING(${[...used, ...bins].join(', ')})`)} AS g, ${sql.raw([...used, ...bins].map((c) => `x.${c}`).join(', '))},
      count(*)::bigint AS n, sum(x.calendar_ms)::bigint AS calendar_ms, sum(x.business_ms)::bigint AS business_ms, sum(x.timed)::bigint AS timed
    FROM (${source}) AS x
    GROUP BY GROUPING SETS (${sets})`);
  const columns: string[] = [...used, ...bins];
  const maskOf = (wanted: readonly string[]) => columns.reduce((mask, c, i) => (wanted.includes(c) ? mask : mask | (1 << (columns.length - 1 - i))), 0);
  const byMask = new Map<number, { set: readonly CountColumn[]; index: number; clock?: 'calendar' | 'business' }>();
  for (const { set, index } of indexed) {
    if (!withBins) byMask.set(maskOf(set), { set, index });
    else {
      byMask.set(maskOf([...set, 'cbin']), { set, index, clock: 'calendar' });
      byMask.set(maskOf([...set, 'bbin']), { set, index, clock: 'business' });
    }
  }
  return rows.flatMap((row) => {
    const found = byMask.get(Number(row.g));
    if (!found) return [];
    const groups = groupsOf(found.set, row);
    return [{ index: found.index, groups, row, clock: found.clock, bin: found.clock ? Number(row[found.clock === 'calendar' ? 'cbin' : 'bbin']) : undefined }];
  });
}

/**
 * Counts (and summed durations) of facts per grouping set, for the buckets of a report (sets
 * without `bucket` over the whole period). `set` on each row is the index in `sets`.
 */
export async function countFacts(db: Executor, q: CountQuery): Promise<CountRow[]> {
  const pairs = await pairsUsable(db);
  const crossing = q.sets.map((set, index) => ({ set, index })).filter(({ set }) => !planOf(set, q.filters, pairs));
  const fromFacts = factsGrouped(db, q, crossing, false).then((rows) =>
    rows.map(({ index, groups, row }) => ({ ...groups, set: index, n: Number(row.n), calendarMs: Number(row.calendar_ms), businessMs: Number(row.business_ms), timed: Number(row.timed) }) as CountRow),
  );
  const results = await Promise.all([
    fromFacts,
    ...q.sets.map(async (set, index) => {
      if (!planOf(set, q.filters, pairs)) return [];
      const { facts, rollups, columns } = sourceOf(q, set, false, pairs);
      const from = sql.join([facts, rollups].filter((b): b is SQL => b !== null), sql` UNION ALL `);
      const groups = set.map((c) => columns[c]);
      const { rows } = await db.execute<Record<string, string | number | null>>(sql`
        SELECT ${sql.join(set.map((c) => sql`${columns[c]} AS ${sql.raw(c)}`).concat(sql`1 AS one`), sql`, `)},
          sum(x.n)::bigint AS n, sum(x.calendar_ms)::bigint AS calendar_ms, sum(x.business_ms)::bigint AS business_ms, sum(x.timed)::bigint AS timed
        FROM (${from}) AS x
        ${groups.length ? sql`GROUP BY ${sql.join(groups, sql`, `)}` : sql``}`);
      return rows.map((row): CountRow => ({ ...groupsOf(set, row), set: index, n: Number(row.n ?? 0), calendarMs: Number(row.calendar_ms ?? 0), businessMs: Number(row.business_ms ?? 0), timed: Number(row.timed ?? 0) }));
    }),
  ]);
  return results.flat().filter((row) => row.n !== 0 || row.timed !== 0);
}

/**
 * Duration histograms of the timed facts per grouping set (for percentiles), from the same
 * sources: one row per set and group, each clock a dense array of BINS counts. Dense arrays and
 * one accumulator per group, because a month of an agents report merges ~10,000 rollup
 * histograms: Maps and a row per bin spent more time in JavaScript and its garbage collector
 * than Postgres spent reading.
 */
export async function binFacts(db: Executor, q: CountQuery): Promise<HistogramRow[]> {
  const pairs = await pairsUsable(db);
  const merged = new Map<string, HistogramRow>();
  /** The accumulator of a row's group (keyed by the set's own columns, so built once per group). */
  const accOf = (index: number, set: readonly CountColumn[], row: Record<string, unknown>): HistogramRow => {
    let key = String(index);
    for (const c of set) key += `|${row[c] as string | number}`;
    let acc = merged.get(key);
    if (!acc) {
      const groups = groupsOf(set, row);
      merged.set(key, (acc = { set: index, groups, calendar: new Float64Array(BINS), business: new Float64Array(BINS) }));
    }
    return acc;
  };
  const crossing = q.sets.map((set, index) => ({ set, index })).filter(({ set }) => !planOf(set, q.filters, pairs));
  const reads: Promise<void>[] = [
    factsGrouped(db, q, crossing, true).then((rows) => {
      for (const { index, groups, row, clock, bin } of rows) {
        const set = crossing.find((c) => c.index === index)!.set;
        accOf(index, set, groups)[clock!][bin!]! += Number(row.n);
      }
    }),
  ];
  for (const [index, set] of q.sets.entries()) {
    if (!planOf(set, q.filters, pairs)) continue;
    const { facts, rollups, columns } = sourceOf(q, set, true, pairs);
    const selected = sql.join(set.map((c) => sql`${columns[c]} AS ${sql.raw(c)}`), sql`, `);
    if (facts) {
      // One scan, two groupings: by the calendar bin and by the business bin (GROUPING tells which).
      const groups = set.map((c) => columns[c]);
      const by = (bin: string) => sql`(${sql.join([...groups, sql.raw(`x.${bin}`)], sql`, `)})`;
      reads.push(
        db
          .execute<Record<string, string | number>>(sql`
            SELECT ${set.length ? sql`${selected}, ` : sql``}GROUPING(x.cbin) AS business, x.cbin, x.bbin, count(*)::bigint AS n
            FROM (${facts}) AS x
            GROUP BY GROUPING SETS (${by('cbin')}, ${by('bbin')})`)
          .then(({ rows }) => {
            for (const row of rows) {
              const business = Number(row.business) === 1;
              accOf(index, set, row)[business ? 'business' : 'calendar'][Number(business ? row.bbin : row.cbin)]! += Number(row.n);
            }
          }),
      );
    }
    if (rollups) {
      reads.push(
        db
          // As text, read by addHistogram: parsing ~20,000 JSON objects a report was most of its garbage.
          .execute<Record<string, unknown> & { calendar_hist: string | null; business_hist: string | null }>(sql`
            SELECT ${set.length ? sql`${selected}, ` : sql``}x.calendar_hist::text AS calendar_hist, x.business_hist::text AS business_hist FROM (${rollups}) AS x`)
          .then(({ rows }) => {
            for (const row of rows) {
              const acc = accOf(index, set, row);
              addHistogram(acc.calendar, row.calendar_hist);
              addHistogram(acc.business, row.business_hist);
            }
          }),
      );
    }
  }
  await Promise.all(reads);
  return [...merged.values()];
}

/**
 * A rollup's stored histogram, jsonb `{"bin": count, ...}` as Postgres prints it, added into a
 * dense one without building an object: every number in it alternates key, count.
 */
export function addHistogram(into: Float64Array, stored: string | null): void {
  if (!stored) return;
  let number = 0;
  let negative = false;
  let inNumber = false;
  let key = -1;
  for (let i = 0; i < stored.length; i++) {
    const c = stored.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      number = number * 10 + (c - 48);
      inNumber = true;
      continue;
    }
    if (c === 45) {
      negative = true;
      continue;
    }
    if (inNumber) {
      if (key < 0) key = number;
      else {
        into[key]! += negative ? -number : number;
        key = -1;
      }
      number = 0;
      negative = false;
      inNumber = false;
    }
  }
}
