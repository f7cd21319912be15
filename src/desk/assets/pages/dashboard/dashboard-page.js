// The dashboard (leads and admins): volume by type and channel, SLA attainment, CSAT, response-time
// percentiles, the per-agent table, hotspots and open crisis alerts, for a period and time zone the
// viewer chooses. Loaded by dynamic import() when opened, with its chart library.
import { el, linkStylesheet } from '../shared/dom.js';
import { durationUnit, formatter } from '../shared/format.js';
import { translator } from '../shared/lookup.js';
import { valueWords } from '../shared/values.js';
import { agentTables, percentileTable } from './agent-table.js';
import { lineChart, ROUND_STEPS } from './charts.js';
import { hotspotsSection } from './hotspots.js';
import { openAlertsSection } from './open-alerts.js';
import { DEFAULT_PRESET, periodOf } from './period.js';
import { periodPicker } from './period-picker.js';
import { loadReports } from './reports.js';
import { bucketLabels, csatSeries, maxOf, responseTimeSeries, slaSeries, volumeSeries } from './series.js';
import { summaryTiles } from './summary.js';
import strings from './strings.js';

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
// Kept while the desk is open: coming back to the dashboard shows the period last chosen.
let lastChoice = { preset: DEFAULT_PRESET, timeZone: BROWSER_ZONE };

export async function mount(root, ctx) {
  await Promise.all([linkStylesheet('/desk/vendor/uplot.css'), linkStylesheet(new URL('../shared/pages.css', import.meta.url).pathname), linkStylesheet(new URL('./dashboard.css', import.meta.url).pathname)]);
  const t = translator(strings, ctx.locale);
  const fmt = formatter(ctx);
  const word = valueWords(ctx.locale);
  const metricName = (metric) => t(`metric.${metric}`);

  const status = el('p', { class: 'dash-status muted small', id: 'dash-status', role: 'status' });
  const body = el('div', { class: 'dash-body', id: 'dash-body' });
  const header = el('div', { class: 'dash-header' }, el('h1', { text: t('title') }), periodPicker({ choice: lastChoice, browserZone: BROWSER_ZONE, t, onChange: (choice) => void load(choice) }));
  root.replaceChildren(el('section', { class: 'dashboard', id: 'dashboard', 'data-locale': fmt.locale }, header, status, body));

  let charts = [];
  let loading = 0;
  let current = null;
  const destroyCharts = () => {
    for (const chart of charts) chart.destroy();
    charts = [];
  };

  async function load(choice) {
    const period = periodOf({ ...choice, now: new Date() });
    if (!period) {
      status.textContent = t('badCustom');
      return;
    }
    lastChoice = choice;
    const window = { ...period, timeZone: choice.timeZone };
    const mine = ++loading;
    status.textContent = t('loading');
    body.setAttribute('aria-busy', 'true');
    const reports = await loadReports(ctx.api, window);
    if (mine !== loading || !root.isConnected) return; // a newer choice, or the page was left
    current = { window, reports };
    render(window, reports);
    body.removeAttribute('aria-busy');
    const dateOpts = { dateStyle: 'medium', timeStyle: period.bucket === 'hour' ? 'short' : undefined, timeZone: window.timeZone };
    status.textContent = t('loaded', { from: fmt.date(window.from, dateOpts), to: fmt.date(window.to, dateOpts), zone: window.timeZone, bucket: t(`bucket.${window.bucket}`) });
  }

  function render(window, reports) {
    destroyCharts();
    const { timeZone, bucket } = window;
    const failed = (title, error) => el('section', { class: 'card error-card' }, el('h2', { text: title }), el('p', { class: 'error', text: t('failed', { message: error?.message ?? String(error) }) }));
    const chart = (options) => {
      const made = lineChart({ ...options, t });
      charts.push(made);
      return made.figure;
    };
    const count = (v) => fmt.number(v, { maximumFractionDigits: 1 });
    const ratio = (v) => fmt.percent(v, 0);
    const windowBuckets = reports.volumeByType.data?.buckets ?? reports.sla.data?.buckets ?? [];
    const labels = (buckets) => bucketLabels(buckets, bucket, fmt, timeZone);

    const volume = (key, title) => {
      const r = reports[key];
      return r.data ? chart({ id: `chart-${key}`, title, labels: labels(r.data.buckets), series: volumeSeries(r.data, word), format: count }) : failed(title, r.error);
    };
    const sla = reports.sla.data
      ? chart({ id: 'chart-sla', title: t('slaAttainment'), labels: labels(reports.sla.data.buckets), series: slaSeries(reports.sla.data, metricName), format: ratio, kind: 'ratio' })
      : failed(t('slaAttainment'), reports.sla.error);
    const csat = reports.csat.data
      ? chart({ id: 'chart-csat', title: t('csatTrend'), labels: labels(windowBuckets), series: csatSeries(reports.csat.data, windowBuckets, t), format: ratio, kind: 'ratio' })
      : failed(t('csatTrend'), reports.csat.error);
    let times = failed(t('responseTimes'), reports.responseTimes.error);
    if (reports.responseTimes.data) {
      const series = responseTimeSeries(reports.responseTimes.data, metricName, t);
      const unit = durationUnit(maxOf(series));
      times = el(
        'section',
        { class: 'times' },
        chart({ id: 'chart-times', title: t('responseTimesChart'), labels: labels(reports.responseTimes.data.buckets), series, format: (v) => fmt.inUnit(v, unit), kind: 'duration', yIncrs: (unit.ms >= 3_600_000 ? [0.5, ...ROUND_STEPS] : ROUND_STEPS).map((n) => n * unit.ms) }),
        el('div', { class: 'card' }, el('h2', { text: t('responseTimes') }), percentileTable(reports.responseTimes.data, { t, fmt })),
      );
    }
    body.replaceChildren(
      summaryTiles(reports, { t, fmt }),
      el('div', { class: 'chart-grid' }, volume('volumeByType', t('volumeByType')), volume('volumeByChannel', t('volumeByChannel')), sla, csat),
      times,
      reports.agents.data ? agentTables(reports.agents.data, { t, fmt }) : failed(t('agents'), reports.agents.error),
      el(
        'div',
        { class: 'side-by-side' },
        reports.hotspots.data ? hotspotsSection(reports.hotspots.data, { t, fmt }) : failed(t('hotspots'), reports.hotspots.error),
        alertsSection(reports.alerts),
      ),
    );
  }

  const alertsSection = (r) =>
    r.data ? openAlertsSection(r.data, { t, fmt, locale: fmt.locale, timeZone: current?.window.timeZone ?? lastChoice.timeZone, openAlerts: () => ctx.navigate('/desk/alerts') }) : el('section', { class: 'card', id: 'dash-alerts' }, el('h2', { text: t('alerts') }), el('p', { class: 'error', text: t('failed', { message: r.error?.message ?? '' }) }));

  // A crisis alert raised or changed elsewhere: refresh that section only (reports lag anyway).
  const unsubscribe = ctx.onStreamEvent?.((event) => {
    if (!String(event?.type ?? '').startsWith('alert.') || !current) return;
    void ctx.api('GET', '/v1/alerts?status=open,acknowledged&limit=50').then(
      ({ data }) => document.getElementById('dash-alerts')?.replaceWith(alertsSection({ data })),
      () => {},
    );
  });

  await load(lastChoice);
  return () => {
    loading++;
    destroyCharts();
    unsubscribe?.();
  };
}
