import type { Executor } from '../../db/client.ts';
import type { Bucket } from './buckets.ts';
import { binFacts, countFacts, type CountColumn } from './counts.queries.ts';
import { FACT_KINDS, SLA_KINDS, SLA_OUTCOMES, codeOf, type SlaMetric } from './dimensions.ts';
import type { ResolvedFilters } from './fact-filters.ts';
import { addInto, emptyHistogram, percentile, type Histogram } from './histogram.ts';

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
const OUTCOME = { achieved: codeOf(SLA_OUTCOMES, 'achieved'), breached: codeOf(SLA_OUTCOMES, 'breached'), running: codeOf(SLA_OUTCOMES, 'running') };

interface Acc {
  set: number;
  kind: number;
  groups: Record<TimeGroup, number>;
  achieved: number;
  breached: number;
  running: number;
  timed: number;
  calendarMs: number;
  businessMs: number;
  calendar: Histogram;
  business: Histogram;
}

/**
 * SLA targets started in the period (as the SLA report counts them): outcomes, means and
 * percentiles of the time to reply or resolve, in calendar time and in the target's own clock.
 * Percentiles cannot be summed: they come from duration histograms (fixed log bins,
 * histogram.ts, within 4.9 %), merged from the rollups' whole UTC days and months and the
 * facts of the rest; means are exact.
 */
export async function slaTimes(
  db: Executor,
  q: { buckets: readonly Bucket[]; metrics: readonly SlaMetric[]; filters: ResolvedFilters; sets: readonly (readonly TimeGroup[])[] },
): Promise<TimeRow[]> {
  const sets = q.sets.map((set): CountColumn[] => ['kind', ...set]);
  const query = { kinds: q.metrics, buckets: q.buckets, filters: q.filters };
  const [counts, bins] = await Promise.all([
    countFacts(db, { ...query, sets: sets.map((set) => [...set, 'outcome']) }),
    binFacts(db, { ...query, sets }),
  ]);
  const accs = new Map<string, Acc>();
  const accOf = (set: number, row: Record<CountColumn, number>) => {
    const groups = Object.fromEntries(TIME_GROUPS.map((g) => [g, row[g]])) as Record<TimeGroup, number>;
    const key = `${set}|${row.kind}|${TIME_GROUPS.map((g) => groups[g]).join('|')}`;
    let acc = accs.get(key);
    if (!acc) {
      acc = { set, kind: row.kind, groups, achieved: 0, breached: 0, running: 0, timed: 0, calendarMs: 0, businessMs: 0, calendar: emptyHistogram(), business: emptyHistogram() };
      accs.set(key, acc);
    }
    return acc;
  };
  for (const row of counts) {
    const acc = accOf(row.set, row);
    if (row.outcome === OUTCOME.achieved) acc.achieved += row.n;
    if (row.outcome === OUTCOME.breached) acc.breached += row.n;
    if (row.outcome === OUTCOME.running) acc.running += row.n;
    acc.timed += row.timed;
    acc.calendarMs += row.calendarMs;
    acc.businessMs += row.businessMs;
  }
  for (const row of bins) {
    const acc = accOf(row.set, row.groups);
    addInto(acc.calendar, row.calendar);
    addInto(acc.business, row.business);
  }
  const stats = (histogram: Histogram, sum: number, count: number): Percentiles => ({
    count,
    mean: count ? Math.round(sum / count) : null,
    p50: percentile(histogram, 0.5),
    p90: percentile(histogram, 0.9),
    p99: percentile(histogram, 0.99),
  });
  return [...accs.values()]
    .filter((a) => METRIC_OF.has(a.kind))
    .map((a) => ({
      set: a.set,
      metric: METRIC_OF.get(a.kind)!,
      groups: a.groups,
      achieved: a.achieved,
      breached: a.breached,
      running: a.running,
      calendar: stats(a.calendar, a.calendarMs, a.timed),
      business: stats(a.business, a.businessMs, a.timed),
    }));
}
