import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { splitAtUtcDays, type Bucket } from './buckets.ts';
import { FACT_KINDS, type FactKind } from './dimensions.ts';
import { filterSql, rollupCan, type ResolvedFilters } from './fact-filters.ts';

export const COUNT_COLUMNS = ['bucket', 'kind', 'outcome', 'detail', 'type', 'channel', 'priority', 'language', 'team', 'agent'] as const;
export type CountColumn = (typeof COUNT_COLUMNS)[number];
const PEOPLE: readonly CountColumn[] = ['team', 'agent'];

export type CountRow = Record<CountColumn, number> & { set: number; n: number; calendarMs: number; businessMs: number; timed: number };

const iso = (d: Date) => d.toISOString();
const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Counts (and summed durations) of facts per grouping set, for the buckets of a report. Whole UTC
 * days inside a bucket come from the daily rollup, the rest from the facts (splitAtUtcDays); when
 * the filters or the groups name an agent or a team, which the rollup does not keep, all of it
 * comes from the facts, through their agent and team indexes. `set` on each row is the index in
 * `sets` it belongs to.
 */
export async function countFacts(
  db: Executor,
  q: { kinds: readonly FactKind[]; buckets: readonly Bucket[]; filters: ResolvedFilters; sets: readonly (readonly CountColumn[])[] },
): Promise<CountRow[]> {
  const kinds = sql.param(q.kinds.map((k) => FACT_KINDS[k]));
  const useRollup = rollupCan(q.filters) && !q.sets.some((set) => set.some((c) => PEOPLE.includes(c)));
  const { days, instants } = useRollup ? splitAtUtcDays(q.buckets) : { days: [], instants: q.buckets.map((b) => ({ bucket: b.index, from: b.start, to: b.end })) };

  const branches = [];
  if (instants.length) {
    branches.push(sql`
      SELECT p.bucket, f.kind, f.outcome, f.detail, f.type, f.channel, f.priority, f.language, f.team, f.agent,
        1 AS n, coalesce(f.calendar_ms, 0) AS calendar_ms, coalesce(f.business_ms, 0) AS business_ms, (f.calendar_ms IS NOT NULL)::int AS timed
      FROM unnest(${sql.param(instants.map((p) => iso(p.from)))}::timestamptz[], ${sql.param(instants.map((p) => iso(p.to)))}::timestamptz[], ${sql.param(instants.map((p) => p.bucket))}::int[]) AS p(lo, hi, bucket)
      JOIN report_facts f ON f.kind = ANY(${kinds}::smallint[]) AND f.at >= p.lo AND f.at < p.hi
      WHERE ${filterSql(q.filters, 'f')}`);
  }
  if (days.length) {
    branches.push(sql`
      SELECT p.bucket, d.kind, d.outcome, d.detail, d.type, d.channel, d.priority, d.language, 0 AS team, 0 AS agent, d.n, d.calendar_ms, d.business_ms, d.timed
      FROM unnest(${sql.param(days.map((p) => day(p.from)))}::date[], ${sql.param(days.map((p) => day(p.to)))}::date[], ${sql.param(days.map((p) => p.bucket))}::int[]) AS p(lo, hi, bucket)
      JOIN report_daily d ON d.kind = ANY(${kinds}::smallint[]) AND d.day >= p.lo AND d.day < p.hi
      WHERE ${filterSql(q.filters, 'd')} AND d.n <> 0`);
  }
  if (branches.length === 0) return [];
  const used = COUNT_COLUMNS.filter((c) => q.sets.some((set) => set.includes(c)));
  const grouping = sql.raw(`GROUPING(${used.join(', ')})`);
  const sets = sql.raw(q.sets.map((set) => `(${set.join(', ')})`).join(', '));
  const { rows } = await db.execute<Record<string, string | number | null>>(sql`
    SELECT ${grouping} AS g, ${sql.raw(used.join(', '))},
      sum(n)::bigint AS n, sum(calendar_ms)::bigint AS calendar_ms, sum(business_ms)::bigint AS business_ms, sum(timed)::bigint AS timed
    FROM (${sql.join(branches, sql` UNION ALL `)}) AS x
    GROUP BY GROUPING SETS (${sets})`);

  // GROUPING() sets bit (columns - 1 - i) for each column i that is NOT grouped in the row's set.
  const maskOf = (set: readonly CountColumn[]) => used.reduce((mask, column, i) => (set.includes(column) ? mask : mask | (1 << (used.length - 1 - i))), 0);
  const masks = q.sets.map(maskOf);
  return rows
    .map((row) => {
      const out = { set: masks.indexOf(Number(row.g)), n: Number(row.n), calendarMs: Number(row.calendar_ms), businessMs: Number(row.business_ms), timed: Number(row.timed) } as CountRow;
      for (const column of COUNT_COLUMNS) out[column] = row[column] === null || row[column] === undefined ? -1 : Number(row[column]);
      return out;
    })
    .filter((row) => row.n !== 0 || row.timed !== 0);
}
