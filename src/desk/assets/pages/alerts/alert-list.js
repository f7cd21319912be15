// The list of alerts: each one a button (level in words, subject, kind, status, when) that opens it.
import { el } from '../shared/dom.js';
import { levelBadge } from '../shared/levels.js';

export function alertItem(alert, { t, fmt, locale, selected, onOpen }) {
  return el(
    'li',
    { 'data-alert-id': alert.id, 'data-status': alert.status, class: `alert-item status-${alert.status}` },
    el(
      'button',
      { type: 'button', class: 'alert-open', 'aria-current': selected ? 'true' : null, 'aria-controls': 'alert-detail', onclick: () => onOpen(alert.id) },
      el('span', { class: 'alert-line' }, levelBadge(alert.level, locale, alert.levelName), el('span', { class: `alert-status badge-status-${alert.status}`, text: t(`status.${alert.status}`) })),
      el('span', { class: 'alert-subject', text: alert.subject }),
      el('span', { class: 'muted small', text: `${t(`kind.${alert.kind}`)} · ${t('raised', { time: fmt.date(alert.raisedAt, { dateStyle: 'medium', timeStyle: 'short' }) })}` }),
    ),
  );
}
