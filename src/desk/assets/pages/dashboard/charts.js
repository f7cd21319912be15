// Charts: uPlot (MIT, ~40 KB gzipped, canvas, no dependencies), served by the desk from
// node_modules as a native ES module (/desk/vendor/uplot.js). Only this page imports it, and this
// page is loaded on demand, so it is never part of the desk's first load.
//
// Every chart is a <figure>: its title, the canvas (an image with a text summary for screen
// readers), uPlot's legend (series names as text, values under the cursor) and the same numbers as
// a table. Series differ by dash pattern as well as colour, so nothing is told by colour alone.
import uPlot from '/desk/vendor/uplot.js';
import { dataTable, el } from '../shared/dom.js';

// High-contrast on white (each ≥ 3:1 against the background, as chart lines need).
const COLOURS = ['#1d4ed8', '#c2410c', '#047857', '#be123c', '#6d28d9', '#0e7490', '#4b5563', '#a16207', '#9d174d', '#3f6212'];
const DASHES = [[], [8, 4], [2, 3], [12, 3, 3, 3], [4, 4], [1, 2], [16, 4], [6, 2, 2, 2], [10, 6], [3, 6]];
const HEIGHT = 240;
/** Axis steps a reader counts in: 1, 2, 5, 10, 20… (times a unit, for durations). */
export const ROUND_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5];

/** The Y scale of a kind of value: counts from 0, ratios 0–100 %, durations from 0. */
function yRange(kind) {
  if (kind === 'ratio') return () => [0, 1];
  return (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1];
}

/**
 * A line chart over buckets. `labels[i]` names bucket i (the x axis, the table's rows);
 * `series` are `{ label, values }` (null: no value in that bucket); `format(v)` writes a value for
 * the axis, the legend and the table; `yIncrs` the steps of the Y axis. Returns `{ figure, destroy }`.
 */
export function lineChart({ id, title, labels, series, format, kind = 'count', yIncrs, t }) {
  const host = el('div', { class: 'chart', role: 'img', 'aria-label': t('chartSummary', { title, summary: summarize(series, format, t) }) });
  const table = dataTable({
    caption: title,
    columns: [t('bucketColumn'), ...series.map((s) => s.label)],
    rows: labels.map((label, i) => [label, ...series.map((s) => (s.values[i] == null ? '—' : format(s.values[i])))]),
    numeric: series.map((_s, i) => i + 1),
  });
  const figure = el(
    'figure',
    { class: 'chart-card card', id, 'data-chart': id },
    el('figcaption', {}, el('h3', { text: title })),
    series.length && labels.length ? host : el('p', { class: 'muted', text: t('noData') }),
    el('details', { class: 'chart-table' }, el('summary', { text: t('showTable') }), table),
  );
  if (!series.length || !labels.length) return { figure, destroy: () => {} };

  const options = {
    width: 300,
    height: HEIGHT,
    scales: { x: { time: false }, y: { range: yRange(kind) } },
    series: [
      { label: t('bucketColumn'), value: (_u, i) => (i == null ? '' : labels[i] ?? '') },
      ...series.map((s, i) => ({
        label: s.label,
        stroke: COLOURS[i % COLOURS.length],
        dash: DASHES[i % DASHES.length],
        width: 2,
        spanGaps: false,
        points: { show: labels.length <= 60, size: 5 },
        // Away from the chart the legend shows each series over the whole period, under the cursor the bucket's value.
        value: (_u, v, _s, idx) => (idx == null ? overallText(s, format, t) : v == null ? '—' : format(v)),
      })),
    ],
    axes: [
      {
        stroke: '#475569',
        grid: { show: false },
        incrs: [1, 2, 3, 4, 6, 12, 24, 48, 96, 168, 336],
        space: 56,
        values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? labels[i] ?? '' : '')),
      },
      // Counts are whole tickets: no 0.5 on their axis.
      { stroke: '#475569', grid: { stroke: '#e2e8f0' }, size: 64, incrs: yIncrs ?? (kind === 'count' ? ROUND_STEPS : undefined), values: (_u, splits) => splits.map((v) => format(v)) },
    ],
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
  };
  const data = [labels.map((_l, i) => i), ...series.map((s) => s.values)];
  const plot = new uPlot(options, data, host);
  // The chart fills its card, also when the window (or a phone's orientation) changes.
  const fit = () => {
    const width = Math.max(200, Math.floor(host.clientWidth));
    if (width !== plot.width) plot.setSize({ width, height: HEIGHT });
  };
  const observer = new ResizeObserver(fit);
  observer.observe(host);
  requestAnimationFrame(fit);
  return {
    figure,
    destroy: () => {
      observer.disconnect();
      plot.destroy();
    },
  };
}

/** A series over the whole period: its total (counts) or its overall value (ratios, durations). */
function overallText(s, format, t) {
  if (s.total != null) return t('total', { n: format(s.total) });
  if (s.overall != null) return t('overall', { value: format(s.overall) });
  return '';
}

/** For screen readers: each series over the period, and its last value when there is no overall one. */
function summarize(series, format, t) {
  if (!series.length) return t('noData');
  return series
    .map((s) => {
      const values = s.values.filter((v) => v != null);
      if (!values.length) return `${s.label} —`;
      return `${s.label} ${overallText(s, format, t) || format(values[values.length - 1])}`;
    })
    .join('; ');
}
