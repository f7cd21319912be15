// How values read on screen, in the chosen language: enum values in words (`status.on_hold` →
// "On hold" / "挂起"), times through Intl, SLA deadlines as "in 2 h 5 min" / "15 min overdue".
import { el } from './dom.js';
import { formatDate, formatDuration, formatNumber, has, t } from './i18n.js';

/** The words for an enum value of `kind` (status, type, channel…); a value new to the desk shows as sent. */
export function label(kind, value) {
  if (value === null || value === undefined) return '—';
  const key = `${kind}.${value}`;
  return has(key) ? t(key) : String(value);
}

export function fmtTime(iso) {
  return iso ? formatDate(iso) : '—';
}

/** A deadline relative to now: what an agent working the queue needs at a glance. */
export function relative(iso, now = Date.now()) {
  const diff = new Date(iso).getTime() - now;
  return diff >= 0 ? t('time.in', { duration: formatDuration(diff) }) : t('time.overdue', { duration: formatDuration(diff) });
}

/** A <time> showing `text` (the full local time by default), with the full time on hover. */
export function timeEl(iso, text) {
  return el('time', { datetime: iso, title: fmtTime(iso), text: text ?? fmtTime(iso) });
}

export const percent = (value) => formatNumber(value, { style: 'percent', maximumFractionDigits: 0 });
