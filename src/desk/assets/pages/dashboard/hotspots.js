// Where problems concentrate: per ticket type, the topics with the most tickets and their change.
import { dataTable, el } from '../shared/dom.js';

function changeText(h, { t, fmt }) {
  if (h.previousTickets === 0) return `+${fmt.number(h.change)} (${t('newTopic')})`;
  const sign = h.change > 0 ? '+' : h.change < 0 ? '−' : '±';
  return `${sign}${fmt.number(Math.abs(h.change))} (${h.growth == null ? '—' : fmt.percent(h.growth, 0)})`;
}

export function hotspotsSection(report, { t, fmt }) {
  const groups = report.groups.filter((g) => g.byVolume.length);
  return el(
    'section',
    { class: 'card', id: 'dash-hotspots', 'aria-labelledby': 'dash-hotspots-title' },
    el('h2', { id: 'dash-hotspots-title', text: t('hotspots') }),
    el('p', { class: 'muted small', text: t('hotspotsHelp') }),
    groups.length
      ? groups.map((g) =>
          dataTable({
            caption: t(`type.${g.type}`),
            columns: [t('topic'), t('tickets'), t('change'), t('negative')],
            rows: g.byVolume.map((h) => [h.topic, fmt.number(h.tickets), changeText(h, { t, fmt }), fmt.percent(h.negativeShare, 0)]),
            numeric: [1, 2, 3],
          }),
        )
      : el('p', { class: 'muted', text: t('noHotspots') }),
  );
}
