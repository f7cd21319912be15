import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Bucket } from './buckets.ts';
import { FACT_KINDS, SLA_KINDS, SLA_OUTCOMES, codeOf, type SlaMetric } from './dimensions.ts';
import { filterSql, type ResolvedFilters } from './fact-filters.ts';

export const TIME_GROUPS = ['bucket', 'type', 'channel', 'priority', 'team', 'agent'] as const;
export type TimeGroup = (typeof TIME_GROUPS)[number];

export interface Percentiles {
  count: number;
  mean: number | null;
  p50: number | null;
  p90: number | null;
  p99: number | null;
}

export interface TimeRow {
  set: number;
  metric: SlaMetric;
  /** The group's value (a bucket index, a code, a key); -1 where the set does not group by it. */
  groups: Record<TimeGroup, number>;
  achieved: number;
  breached: number;
  running: number;
  calendar: Percentiles;
  business: Percentiles;
}

const METRIC_OF = new Map<number, SlaMetric>(SLA_KINDS.map((m) => [FACT_KINDS[m], m]));
const ACHIEVED = codeOf(SLA_OUTCOMES, 'achieved');
const BREACHED = codeOf(SLA_OUTCOMES, 'breached');
const RUNNING = codeOf(SLA_OUTCOMES, 'running');

const pct = (column: string) =>
  sql.raw(`percentile_cont(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY f.${column}) FILTER (WHERE f.${column} IS NOT NULL)`);

/**
 * SLA targets started in the period (as the SLA report counts them): outcomes, and percentiles
 * and means of the time to reply or resolve, in calendar time and in the target's own clock.
 * Percentiles are not sums, so they come from the facts of the period itself, exactly
 * (percentile_cont over the (kind, at) index range, filtered), per grouping set.
 */
export async function slaTimes(
  db: Executor,
  q: { from: Date; to: Date; buckets: readonly Bucket[]; metrics: readonly SlaMetric[]; filters: ResolvedFilters; sets: readonly (readonly TimeGroup[])[] },
): Promise<TimeRow[]> {
  const starts = sql.param(q.buckets.map((b) => b.start.toISOString()));
  const columns = {
    bucket: sql`(width_bucket(f.at, ${starts}::timestamptz[]) - 1)`,
    type: sql`f.type`,
    channel: sql`f.channel`,
    priority: sql`f.priority`,
    team: sql`f.team`,
    agent: sql`f.agent`,
  } as const;
  const used = TIME_GROUPS.filter((g) => q.sets.some((set) => set.includes(g)));
  const inner = used.map((g) => sql`${columns[g]} AS ${sql.raw(g)}`);
  const select = used.map((g) => sql.raw(`f.${g}`));
  const sets = sql.raw(q.sets.map((set) => `(f.kind${set.map((g) => `, f.${g}`).join('')})`).join(', '));
  const grouping = used.length ? sql.raw(`GROUPING(${used.map((g) => `f.${g}`).join(', ')})`) : sql`0`;
  const { rows } = await db.execute<Record<string, unknown>>(sql`
    SELECT ${grouping} AS g, f.kind, ${select.length ? sql`${sql.join(select, sql`, `)},` : sql``}
      count(*) FILTER (WHERE f.outcome = ${ACHIEVED})::int AS achieved,
      count(*) FILTER (WHERE f.outcome = ${BREACHED})::int AS breached,
      count(*) FILTER (WHERE f.outcome = ${RUNNING})::int AS running,
      count(f.calendar_ms)::int AS cal_n, avg(f.calendar_ms)::float8 AS cal_mean, ${pct('calendar_ms')} AS cal_p,
      count(f.business_ms)::int AS bus_n, avg(f.business_ms)::float8 AS bus_mean, ${pct('business_ms')} AS bus_p
    FROM (SELECT ${inner.length ? sql`${sql.join(inner, sql`, `)},` : sql``} f.kind, f.outcome, f.calendar_ms, f.business_ms
          FROM report_facts f
          WHERE f.kind = ANY(${sql.param(q.metrics.map((m) => FACT_KINDS[m]))}::smallint[]) AND f.at >= ${q.from.toISOString()}::timestamptz AND f.at < ${q.to.toISOString()}::timestamptz
            AND ${filterSql(q.filters, 'f')}) AS f
    GROUP BY GROUPING SETS (${sets})`);

  const maskOf = (set: readonly TimeGroup[]) => used.reduce((mask, g, i) => (set.includes(g) ? mask : mask | (1 << (used.length - 1 - i))), 0);
  const masks = q.sets.map(maskOf);
  const percentiles = (n: unknown, mean: unknown, p: unknown): Percentiles => {
    const values = (p as (number | string)[] | null) ?? [null, null, null];
    const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
    return { count: Number(n), mean: num(mean), p50: num(values[0]), p90: num(values[1]), p99: num(values[2]) };
  };
  return rows.map((row) => ({
    set: masks.indexOf(Number(row.g)),
    metric: METRIC_OF.get(Number(row.kind))!,
    groups: Object.fromEntries(TIME_GROUPS.map((g) => [g, row[g] === null || row[g] === undefined ? -1 : Number(row[g])])) as Record<TimeGroup, number>,
    achieved: Number(row.achieved),
    breached: Number(row.breached),
    running: Number(row.running),
    calendar: percentiles(row.cal_n, row.cal_mean, row.cal_p),
    business: percentiles(row.bus_n, row.bus_mean, row.bus_p),
  }));
}
