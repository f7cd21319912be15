// The crisis alerts still open or acknowledged, worst first, each with its level in words.
import { alertPath } from '../../paths.js';
import { el } from '../shared/dom.js';
import { LEVELS, levelBadge } from '../shared/levels.js';

export function openAlertsSection(page, { t, fmt, locale, timeZone, openAlerts }) {
  const alerts = [...page.data].sort((a, b) => LEVELS.indexOf(b.level) - LEVELS.indexOf(a.level) || b.raisedAt.localeCompare(a.raisedAt));
  return el(
    'section',
    { class: 'card', id: 'dash-alerts', 'aria-labelledby': 'dash-alerts-title' },
    el('h2', { id: 'dash-alerts-title', text: t('alerts') }),
    alerts.length
      ? el(
          'ul',
          { class: 'alert-summary' },
          alerts.map((a) =>
            el(
              'li',
              { 'data-alert-id': a.id },
              levelBadge(a.level, locale, a.levelName),
              el('a', { class: 'alert-subject', href: alertPath(a.id), text: a.subject }),
              el('span', { class: 'muted small', text: `${t(`kind.${a.kind}`)} · ${t(`status.${a.status}`)} · ${t('raisedAt', { time: fmt.date(a.raisedAt, { dateStyle: 'short', timeStyle: 'short', timeZone }) })}` }),
            ),
          ),
        )
      : el('p', { class: 'muted', text: t('noAlerts') }),
    el('a', { href: '/desk/alerts', class: 'more-link', onclick: (event) => (event.preventDefault(), openAlerts()), text: t('allAlerts') }),
  );
}
