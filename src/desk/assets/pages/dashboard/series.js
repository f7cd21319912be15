// From report JSON to chart series: pure functions (no DOM), one per chart.
import { parseIsoDuration } from '../shared/format.js';

/** Words for a bucket's start, short enough for an axis: 14:00, Mar 29, 2026年3月… */
export function bucketLabels(buckets, unit, fmt, timeZone) {
  if (!buckets.length) return [];
  const multiDay = new Date(buckets[buckets.length - 1].start) - new Date(buckets[0].start) >= 86_400_000;
  const opts =
    unit === 'hour' ? (multiDay ? { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit' })
    : unit === 'month' ? { year: 'numeric', month: 'short' }
    : { month: 'short', day: 'numeric' };
  return buckets.map((b) => fmt.date(b.start, { ...opts, timeZone }));
}

/** Created per bucket, one series per value of the report's `groupBy` (most tickets first), with totals. */
export function volumeSeries(report, word) {
  const values = report.breakdown[report.groupBy].filter((v) => v.created > 0).map((v) => v.value);
  return values.map((value) => ({
    label: word(value),
    values: report.buckets.map((b) => b.groups?.find((g) => g.value === value)?.created ?? 0),
    total: report.breakdown[report.groupBy].find((v) => v.value === value)?.created ?? 0,
  }));
}

/** SLA attainment (achieved of completed) per bucket for each metric that had targets. */
export function slaSeries(report, metricName) {
  const metrics = [...new Set(report.rows.filter((r) => r.completed > 0 || r.running > 0).map((r) => r.metric))];
  return metrics.map((metric) => ({
    label: metricName(metric),
    values: report.buckets.map((b) => b.rows.find((r) => r.metric === metric)?.attainment ?? null),
    overall: report.rows.find((r) => r.metric === metric)?.attainment ?? null,
  }));
}

/** CSAT score and response rate per bucket of `buckets` (the trend lists only buckets with surveys). */
export function csatSeries(report, buckets, t) {
  const byStart = new Map(report.trend.map((p) => [p.start, p]));
  const at = (b) => byStart.get(b.start);
  return [
    { label: t('csatScore'), values: buckets.map((b) => at(b)?.csatScore ?? null), overall: report.total.csatScore },
    { label: t('answered'), values: buckets.map((b) => at(b)?.responseRate ?? null), overall: report.total.responseRate },
  ];
}

/** Median and 90th percentile (calendar time, ms) per bucket of first response and resolution. */
export function responseTimeSeries(report, metricName, t) {
  const out = [];
  for (const metric of ['first_response', 'resolution']) {
    for (const p of ['p50', 'p90']) {
      const values = report.buckets.map((b) => parseIsoDuration(b.metrics.find((m) => m.metric === metric)?.calendar[p] ?? null));
      const overall = parseIsoDuration(report.metrics.find((m) => m.metric === metric)?.calendar[p] ?? null);
      if (values.some((v) => v != null)) out.push({ label: `${metricName(metric)} · ${t(p)}`, values, overall });
    }
  }
  return out;
}

/** The largest value of all series (to pick one unit for a duration axis). */
export const maxOf = (series) => Math.max(0, ...series.flatMap((s) => s.values.filter((v) => v != null)));
