// One alert: what was seen (the evidence), what the playbook recommends at its level, what was
// done so far, and the acknowledge / resolve form.
import { dataTable, el } from '../shared/dom.js';
import { levelBadge, levelText } from '../shared/levels.js';

const when = (fmt, iso) => fmt.date(iso, { dateStyle: 'medium', timeStyle: 'short' });

function evidenceList(alert, { t, fmt }) {
  const e = alert.evidence;
  const rows = [
    [t('window'), t('windowText', { start: when(fmt, e.windowStart), end: fmt.date(e.windowEnd, { timeStyle: 'short' }), minutes: fmt.number(e.windowMinutes) })],
    [t('countVsBaseline'), fmt.number(e.count, { maximumFractionDigits: 1 })],
    [t('baseline'), fmt.number(e.baseline, { maximumFractionDigits: 1 })],
    e.zScore != null && [t('zScore'), fmt.number(e.zScore, { maximumFractionDigits: 1 })],
    e.ratio != null && [t('ratio'), `×${fmt.number(e.ratio, { maximumFractionDigits: 1 })}`],
    e.score != null && [t('score'), fmt.number(e.score, { maximumFractionDigits: 2 })],
    e.share != null && [t('share'), fmt.percent(e.share)],
    e.baselineShare != null && [t('baselineShare'), fmt.percent(e.baselineShare)],
    e.customers != null && [t('customers'), fmt.number(e.customers)],
  ].filter(Boolean);
  return el('dl', { class: 'evidence' }, rows.map(([term, value]) => [el('dt', { text: term }), el('dd', { text: value })]));
}

function historyList(alert, { t, fmt, locale, who }) {
  return el(
    'ol',
    { class: 'alert-history' },
    [...alert.history].reverse().map((c) =>
      el(
        'li',
        {},
        el('strong', { text: t(`change.${c.change}`) }),
        c.toLevel && c.fromLevel !== c.toLevel ? ` ${c.fromLevel ? t('levelChange', { from: levelText(c.fromLevel, locale), to: levelText(c.toLevel, locale) }) : levelText(c.toLevel, locale)}` : null,
        ` · ${when(fmt, c.at)} · ${t('by', { who: who(c.actor) })}`,
        c.note ? el('p', { class: 'history-note', text: c.note }) : null,
      ),
    ),
  );
}

/** `onChange(status, note)` acknowledges or resolves; `openTicket(id)` follows an example ticket. */
export function alertDetail(alert, { t, fmt, locale, word, who, onChange, openTicket, note = '' }) {
  const e = alert.evidence;
  const actions = (locale === 'zh-CN' ? alert.actions.zh : alert.actions.en) ?? [];
  const noteBox = el('textarea', { id: 'alert-note', name: 'note', maxlength: '2000', rows: '3', placeholder: t('notePlaceholder') });
  noteBox.value = note;
  const act = (status) => (event) => {
    event.preventDefault();
    onChange(status, noteBox.value.trim());
  };
  const form =
    alert.status === 'resolved'
      ? el('p', { class: 'muted', text: t('resolvedNote', { time: when(fmt, alert.resolvedAt), how: t(`resolution.${alert.resolution ?? 'manual'}`) }) })
      : el(
          'form',
          { class: 'alert-actions-form', id: 'alert-form', onsubmit: act('resolved') },
          el('label', { for: 'alert-note', text: t('note') }),
          noteBox,
          el(
            'div',
            { class: 'form-buttons' },
            alert.status === 'open' ? el('button', { type: 'button', id: 'alert-acknowledge', onclick: act('acknowledged'), text: t('acknowledge') }) : null,
            el('button', { type: 'submit', class: 'primary', id: 'alert-resolve', text: t('resolve') }),
          ),
        );
  return el(
    'article',
    { class: 'alert-card card', 'data-alert-id': alert.id, 'data-status': alert.status, 'aria-labelledby': 'alert-title' },
    el('h2', { id: 'alert-title', tabindex: '-1', text: alert.subject }),
    el(
      'p',
      { class: 'alert-line' },
      levelBadge(alert.level, locale, alert.levelName),
      el('span', { class: `alert-status badge-status-${alert.status}`, id: 'alert-status', text: t(`status.${alert.status}`) }),
      el('span', { class: 'muted small', text: `${t(`kind.${alert.kind}`)} · ${t('raised', { time: when(fmt, alert.raisedAt) })} · ${t('lastSeen', { time: when(fmt, alert.lastDetectedAt) })}${alert.peakLevel !== alert.level ? ` · ${t('peak', { level: levelText(alert.peakLevel, locale) })}` : ''}` }),
    ),
    el('section', { class: 'alert-section', 'aria-labelledby': 'alert-actions-title' }, el('h3', { id: 'alert-actions-title', text: t('actions') }), actions.length ? el('ol', { class: 'alert-actions' }, actions.map((a) => el('li', { text: a }))) : el('p', { class: 'muted', text: t('noActions') })),
    form,
    el(
      'section',
      { class: 'alert-section', 'aria-labelledby': 'alert-evidence-title' },
      el('h3', { id: 'alert-evidence-title', text: t('evidence') }),
      evidenceList(alert, { t, fmt }),
      e.channels.length ? dataTable({ caption: t('channels'), columns: [t('channel'), t('tickets')], rows: e.channels.map((c) => [word(c.channel), fmt.number(c.tickets)]), numeric: [1] }) : null,
      e.windows.length > 1 ? dataTable({ caption: t('windows'), columns: [t('windowStart'), t('tickets')], rows: e.windows.map((w) => [when(fmt, w.start), fmt.number(w.count, { maximumFractionDigits: 1 })]), numeric: [1] }) : null,
      e.detections.length
        ? dataTable({ caption: t('detections'), columns: [t('detection'), t('countVsBaseline'), t('baseline')], rows: e.detections.map((d) => [`${t(`kind.${d.kind}`)}: ${d.subject} (${levelText(d.level, locale)})`, fmt.number(d.count), fmt.number(d.baseline, { maximumFractionDigits: 1 })]), numeric: [1, 2] })
        : null,
      e.sampleTicketIds.length
        ? el('div', { class: 'samples' }, el('h4', { text: t('samples') }), el('ul', {}, e.sampleTicketIds.map((id) => el('li', {}, el('a', { href: `/desk/tickets/${encodeURIComponent(id)}`, onclick: (ev) => (ev.preventDefault(), openTicket(id)), text: id })))))
        : null,
    ),
    el('section', { class: 'alert-section', 'aria-labelledby': 'alert-history-title' }, el('h3', { id: 'alert-history-title', text: t('history') }), historyList(alert, { t, fmt, locale, who })),
  );
}
