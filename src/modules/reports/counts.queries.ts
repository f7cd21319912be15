import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { splitByGrains, wholePeriod, type Bucket, type Piece } from './buckets.ts';
import { dimCode, FACT_KINDS, GRAINS, grainKeeps, PAIR_KEY_LIMIT, PAIR_SHIFT, pairOf, type FactKind, type Grain } from './dimensions.ts';
import { filterSql, type ResolvedFilters } from './fact-filters.ts';
import { binSql } from './histogram.ts';

export const COUNT_COLUMNS = ['bucket', 'kind', 'outcome', 'detail', 'type', 'channel', 'priority', 'language', 'team', 'agent'] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];

/** The dimensions the rollups keep one at a time, with their `dim` code. */
export const DIMS = { type: 1, channel: 2, priority: 3, language: 4, team: 5, agent: 6 } as const;
export type Dim = keyof typeof DIMS;
const isDim = (column: string): column is Dim => column in DIMS;

export type CountRow = Record<CountColumn, number> & { set: number; n: number; calendarMs: number; businessMs: number; timed: number };
export interface BinRow {
  set: number;
  groups: Record<CountColumn, number>;
  clock: 'calendar' | 'business';
  bin: number;
  n: number;
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
/** A fact's bin on either clock (a plain cross join with the two clocks: a lateral one was memoized, slowly). */
const clockBin = sql`CASE c.clock WHEN 'calendar' THEN ${binSql(sql`f.calendar_ms`)} ELSE ${binSql(sql`f.business_ms`)} END`;
/** A rollup slot: the UTC start as a timestamp without zone. */
const slotOf = (d: Date) => d.toISOString().slice(0, 19);
const pieces = (list: Piece[], asSlot: boolean) => {
  const cast = sql.raw(asSlot ? 'timestamp[]' : 'timestamptz[]');
  const at = asSlot ? slotOf : iso;
  return sql`unnest(${sql.param(list.map((p) => at(p.from)))}::${cast}, ${sql.param(list.map((p) => at(p.to)))}::${cast}, ${sql.param(list.map((p) => p.bucket))}::int[]) AS p(lo, hi, bucket)`;
};

/**
 * The rows of one set: from the facts, shaped (bucket, kind, outcome, detail, <columns>, n,
 * calendar_ms, business_ms, timed[, clock, bin]), and from the rollups, the same but with their
 * two histograms (calendar_hist, business_hist) in place of (clock, bin) when bins are asked for:
 * those are merged in JavaScript, since expanding every rollup row's histogram into rows in SQL
 * (jsonb_each_text, then GROUP BY) cost more than all the rest of a report.
 */
function sourceOf(q: CountQuery, set: readonly CountColumn[], withBins: boolean, pairs: boolean): { facts: SQL | null; rollups: SQL | null; columns: Record<CountColumn, SQL> } {
  const kinds = sql`${sql.param(q.kinds.map((k) => FACT_KINDS[k]))}::smallint[]`;
  const buckets = set.includes('bucket') ? q.buckets : wholePeriod({ from: q.buckets[0]!.start, to: q.buckets[q.buckets.length - 1]!.end });
  const plan = planOf(set, q.filters, pairs);
  // The pieces lead (LATERAL, OFFSET 0 so it is not flattened: a range scan of the index per piece, never a scan of every fact
  // filtered by a join, which the planner picked for a week of hours); the bins follow each fact.
  const factBins = withBins ? sql`, c.clock, ${clockBin} AS bin, 1 AS bn FROM ` : sql` FROM `;
  const binsOfFact = withBins ? sql` CROSS JOIN (VALUES ('calendar'), ('business')) AS c(clock)` : sql``;
  const factRows = (list: Piece[], dims: readonly Dim[]) => sql`
    SELECT p.bucket, f.kind, f.outcome, f.detail, ${sql.join(dims.map((d) => sql.raw(`f.${d} AS ${d}`)).concat(sql`1 AS n`), sql`, `)},
      coalesce(f.calendar_ms, 0) AS calendar_ms, coalesce(f.business_ms, 0) AS business_ms, (f.calendar_ms IS NOT NULL)::int AS timed
      ${factBins}${pieces(list, false)}
    CROSS JOIN LATERAL (
      SELECT * FROM report_facts f WHERE f.kind = ANY(${kinds}) AND f.at >= p.lo AND f.at < p.hi AND ${filterSql(q.filters, 'f')}${withBins ? sql` AND f.calendar_ms IS NOT NULL` : sql``} OFFSET 0
    ) AS f${binsOfFact}`;

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
  const valueFilters = dims.filter((d) => q.filters[d]).map((d) => sql` AND ${sql.raw(valueOf(d))} = ANY(${sql.param(q.filters[d])}::int[])`);
  for (const grain of grains.filter((g) => grainKeeps(g, dims))) {
    const list = byGrain[grain];
    branches.push(sql`
      SELECT p.bucket, r.kind, r.outcome, r.detail, ${sql.join(dims.map((d) => sql.raw(`${valueOf(d)} AS ${d}`)).concat(sql`r.n`), sql`, `)},
        r.calendar_ms, r.business_ms, r.timed${withBins ? sql`, r.calendar_hist, r.business_hist` : sql``}
      FROM ${pieces(list, true)}
      CROSS JOIN LATERAL (
        SELECT * FROM report_rollups r WHERE r.grain = ${GRAINS[grain]} AND r.kind = ANY(${kinds}) AND r.dim = ${dimCode(dims)} AND r.slot >= p.lo AND r.slot < p.hi
          AND ${withBins ? sql`r.timed <> 0` : sql`r.n <> 0`}${sql.join(valueFilters, sql``)} OFFSET 0
      ) AS r`);
  }
  return { facts, rollups: branches.length ? sql.join(branches, sql` UNION ALL `) : null, columns: columnsOf(dims) };
}

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
  const extra = withBins ? ', clock, bin' : '';
  const sets = sql.raw(indexed.map(({ set }) => `(${set.join(', ')}${extra})`).join(', '));
  const source = sql`
    SELECT p.bucket, f.kind, f.outcome, f.detail, f.type, f.channel, f.priority, f.language, f.team, f.agent,
      coalesce(f.calendar_ms, 0) AS calendar_ms, coalesce(f.business_ms, 0) AS business_ms, (f.calendar_ms IS NOT NULL)::int AS timed
      ${withBins ? sql`, c.clock, ${clockBin} AS bin` : sql``}
    FROM ${pieces(all, false)}
    CROSS JOIN LATERAL (
      SELECT * FROM report_facts f WHERE f.kind = ANY(${kinds}) AND f.at >= p.lo AND f.at < p.hi AND ${filterSql(q.filters, 'f')}${withBins ? sql` AND f.calendar_ms IS NOT NULL` : sql``} OFFSET 0
    ) AS f
    ${withBins ? sql`CROSS JOIN (VALUES ('calendar'), ('business')) AS c(clock)` : sql``}`;
  const { rows } = await db.execute<Record<string, string | number | null>>(sql`
    SELECT ${sql.raw(`GROUPING(${used.join(', ')})`)} AS g, ${sql.raw(used.map((c) => `x.${c}`).join(', '))}${sql.raw(withBins ? ', x.clock, x.bin' : '')},
      count(*)::bigint AS n, sum(x.calendar_ms)::bigint AS calendar_ms, sum(x.business_ms)::bigint AS business_ms, sum(x.timed)::bigint AS timed
    FROM (${source}) AS x
    GROUP BY GROUPING SETS (${sets})`);
  const maskOf = (set: readonly CountColumn[]) => used.reduce((mask, c, i) => (set.includes(c) ? mask : mask | (1 << (used.length - 1 - i))), 0);
  const byMask = new Map(indexed.map(({ set, index }) => [maskOf(set), { set, index }]));
  return rows.flatMap((row) => {
    const found = byMask.get(Number(row.g));
    if (!found) return [];
    const groups = Object.fromEntries(COUNT_COLUMNS.map((c) => [c, found.set.includes(c) ? Number(row[c]) : -1])) as Record<CountColumn, number>;
    return [{ index: found.index, groups, row }];
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
      return rows.map((row) => {
        const out = { set: index, n: Number(row.n ?? 0), calendarMs: Number(row.calendar_ms ?? 0), businessMs: Number(row.business_ms ?? 0), timed: Number(row.timed ?? 0) } as CountRow;
        for (const c of COUNT_COLUMNS) out[c] = set.includes(c) ? Number(row[c]) : -1;
        return out;
      });
    }),
  ]);
  return results.flat().filter((row) => row.n !== 0 || row.timed !== 0);
}

/** Duration bins of the timed facts per grouping set (for percentiles), from the same sources. */
export async function binFacts(db: Executor, q: CountQuery): Promise<BinRow[]> {
  const pairs = await pairsUsable(db);
  const crossing = q.sets.map((set, index) => ({ set, index })).filter(({ set }) => !planOf(set, q.filters, pairs));
  const fromFacts = factsGrouped(db, q, crossing, true).then((rows) =>
    rows.map(({ index, groups, row }) => ({ set: index, groups, clock: row.clock as 'calendar' | 'business', bin: Number(row.bin), n: Number(row.n) })),
  );
  const groupsOf = (set: readonly CountColumn[], row: Record<string, unknown>) =>
    Object.fromEntries(COUNT_COLUMNS.map((c) => [c, set.includes(c) ? Number(row[c]) : -1])) as Record<CountColumn, number>;
  const results = await Promise.all([
    fromFacts,
    ...q.sets.flatMap((set, index) => {
      if (!planOf(set, q.filters, pairs)) return [];
      const { facts, rollups, columns } = sourceOf(q, set, true, pairs);
      const selected = sql.join(set.map((c) => sql`${columns[c]} AS ${sql.raw(c)}`), sql`, `);
      const reads: Promise<BinRow[]>[] = [];
      if (facts) {
        const groups = [...set.map((c) => columns[c]), sql`x.clock`, sql`x.bin`];
        reads.push(
          db
            .execute<Record<string, string | number>>(sql`
              SELECT ${set.length ? sql`${selected}, ` : sql``}x.clock, x.bin, sum(x.bn)::bigint AS n
              FROM (${facts}) AS x
              GROUP BY ${sql.join(groups, sql`, `)}`)
            .then(({ rows }) => rows.map((row) => ({ set: index, groups: groupsOf(set, row), clock: row.clock as 'calendar' | 'business', bin: Number(row.bin), n: Number(row.n) }))),
        );
      }
      if (rollups) {
        reads.push(
          db
            .execute<Record<string, unknown> & { calendar_hist: Record<string, number> | null; business_hist: Record<string, number> | null }>(sql`
              SELECT ${set.length ? sql`${selected}, ` : sql``}x.calendar_hist, x.business_hist FROM (${rollups}) AS x`)
            .then(({ rows }) => mergeHistograms(index, set, rows, groupsOf)),
        );
      }
      return reads;
    }),
  ]);
  // The facts and the rollups each give a row for a bin both hold: one row per bin, summed.
  const merged = new Map<string, BinRow>();
  for (const row of results.flat()) {
    const key = `${row.set}|${COUNT_COLUMNS.map((c) => row.groups[c]).join('|')}|${row.clock}|${row.bin}`;
    const seen = merged.get(key);
    if (seen) seen.n += row.n;
    else merged.set(key, { ...row });
  }
  return [...merged.values()].filter((row) => row.n !== 0);
}

/** The rollup rows' histograms summed per group, as bin rows. */
function mergeHistograms(
  index: number,
  set: readonly CountColumn[],
  rows: (Record<string, unknown> & { calendar_hist: Record<string, number> | null; business_hist: Record<string, number> | null })[],
  groupsOf: (set: readonly CountColumn[], row: Record<string, unknown>) => Record<CountColumn, number>,
): BinRow[] {
  const merged = new Map<string, { groups: Record<CountColumn, number>; calendar: Map<number, number>; business: Map<number, number> }>();
  for (const row of rows) {
    const key = set.map((c) => row[c]).join('|');
    let group = merged.get(key);
    if (!group) merged.set(key, (group = { groups: groupsOf(set, row), calendar: new Map(), business: new Map() }));
    for (const [clock, hist] of [['calendar', row.calendar_hist], ['business', row.business_hist]] as const) {
      if (!hist) continue;
      const into = group[clock];
      for (const bin in hist) into.set(Number(bin), (into.get(Number(bin)) ?? 0) + Number(hist[bin]));
    }
  }
  const out: BinRow[] = [];
  for (const { groups, calendar, business } of merged.values()) {
    for (const [bin, n] of calendar) out.push({ set: index, groups, clock: 'calendar', bin, n });
    for (const [bin, n] of business) out.push({ set: index, groups, clock: 'business', bin, n });
  }
  return out;
}
