// The figures at a glance: each a number with its words (and a second line of context).
import { el } from '../shared/dom.js';
import { parseIsoDuration } from '../shared/format.js';


export function summaryTiles(reports, { t, fmt }) {
  const tiles = [];
  const add = (id, value, detail) => tiles.push(el('div', { class: 'kpi card', 'data-kpi': id }, el('div', { class: 'kpi-value', text: value }), el('div', { class: 'kpi-label', text: t(`kpi.${id}`) }), detail ? el('div', { class: 'kpi-detail small', text: detail }) : null));
  const volume = reports.volumeByType.data;
  if (volume) {
    add('created', fmt.number(volume.totals.created));
    add('solved', fmt.number(volume.totals.solved));
  }
  const sla = reports.sla.data;
  if (sla) {
    for (const [metric, id] of [['first_response', 'firstResponseSla'], ['resolution', 'resolutionSla']]) {
      const row = sla.rows.find((r) => r.metric === metric);
      if (row) add(id, fmt.percent(row.attainment), `${fmt.number(row.achieved)} / ${fmt.number(row.completed)}`);
    }
  }
  const csat = reports.csat.data;
  if (csat) add('csat', fmt.percent(csat.total.csatScore), t('kpi.csatAnswered', { answered: fmt.number(csat.total.answered), sent: fmt.number(csat.total.sent) }));
  const times = reports.responseTimes.data;
  if (times) {
    for (const [metric, id] of [['first_response', 'firstResponseP50'], ['resolution', 'resolutionP50']]) {
      const m = times.metrics.find((x) => x.metric === metric);
      if (m) add(id, fmt.duration(parseIsoDuration(m.calendar.p50)), t('kpi.p90', { value: fmt.duration(parseIsoDuration(m.calendar.p90)) }));
    }
  }
  const alerts = reports.alerts.data;
  if (alerts) add('openAlerts', fmt.number(alerts.data.length));
  return el('section', { class: 'kpis', 'aria-labelledby': 'dash-summary' }, el('h2', { id: 'dash-summary', class: 'visually-hidden', text: t('summary') }), tiles);
}
