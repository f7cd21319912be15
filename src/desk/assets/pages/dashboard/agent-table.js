// Per agent (and per team): the work each did in the period, as the agents report credits it.
import { dataTable, el } from '../shared/dom.js';

function rowsOf(people, nobody, { fmt }) {
  return [...people]
    .sort((a, b) => b.ticketsHandled - a.ticketsHandled || b.publicReplies - a.publicReplies)
    .map((p) => [
      p.name ?? nobody,
      fmt.number(p.ticketsHandled),
      fmt.number(p.publicReplies),
      fmt.isoDuration(p.firstResponse.calendar.p50),
      fmt.isoDuration(p.firstResponse.calendar.p90),
      fmt.isoDuration(p.resolution.calendar.p50),
      p.sla.attainment == null ? '—' : `${fmt.percent(p.sla.attainment)} (${fmt.number(p.sla.achieved)}/${fmt.number(p.sla.achieved + p.sla.breached)})`,
      p.csat.score == null ? '—' : `${fmt.percent(p.csat.score)} (${fmt.number(p.csat.answered)})`,
      fmt.percent(p.reopenRate),
      fmt.number(p.classificationCorrections),
    ]);
}

export function agentTables(report, { t, fmt }) {
  const columns = (who) => [who, t('handled'), t('replies'), t('frP50'), t('frP90'), t('resP50'), t('sla'), t('csat'), t('reopenRate'), t('corrections')];
  const numeric = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  return el(
    'section',
    { class: 'card wide', id: 'dash-agents', 'aria-labelledby': 'dash-agents-title' },
    el('h2', { id: 'dash-agents-title', text: t('agents') }),
    report.agents.length
      ? el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('agents') }, dataTable({ caption: t('agents'), columns: columns(t('agent')), rows: rowsOf(report.agents, t('nobody'), { fmt }), numeric }))
      : el('p', { class: 'muted', text: t('noData') }),
    report.teams.length
      ? el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('teams') }, dataTable({ caption: t('teams'), columns: columns(t('team')), rows: rowsOf(report.teams, t('noTeam'), { fmt }), numeric }))
      : null,
  );
}

/** Count and percentiles of each response metric over the whole period, calendar and business time. */
export function percentileTable(report, { t, fmt }) {
  const rows = report.metrics.flatMap((m) =>
    ['calendar', 'business'].map((clock) => [
      `${t(`metric.${m.metric}`)} (${t(clock)})`,
      fmt.number(m[clock].count),
      fmt.isoDuration(m[clock].p50),
      fmt.isoDuration(m[clock].p90),
      fmt.isoDuration(m[clock].p99),
      fmt.isoDuration(m[clock].mean),
    ]),
  );
  return el(
    'div',
    { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('percentiles') },
    dataTable({ caption: t('percentiles'), columns: [t('metric'), t('count'), t('p50'), t('p90'), t('p99'), t('mean')], rows, numeric: [1, 2, 3, 4, 5] }),
  );
}
