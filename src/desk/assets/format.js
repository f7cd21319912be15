// How values read on screen: enum values in words, times in the agent's locale, SLA deadlines as
// "in 2h 5m" / "15m overdue".
import { el } from './dom.js';

// Only the values whose name does not read well as it is; everything else is shown as sent.
const WORDS = {
  on_hold: 'on hold',
  first_response: 'first response',
  next_response: 'next response',
  resolution: 'resolution',
  api_key: 'API key',
};

export function label(value) {
  return value == null ? '—' : (WORDS[value] ?? String(value));
}

export function fmtTime(iso) {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

/** A deadline relative to now: what an agent working the queue needs at a glance. */
export function relative(iso) {
  const diff = new Date(iso).getTime() - Date.now();
  const minutes = Math.round(Math.abs(diff) / 60_000);
  const text =
    minutes < 1 ? 'under a minute'
    : minutes < 60 ? `${minutes}m`
    : minutes < 48 * 60 ? `${Math.floor(minutes / 60)}h ${minutes % 60}m`
    : `${Math.round(minutes / 1440)}d`;
  return diff >= 0 ? `in ${text}` : `${text} overdue`;
}

/** A <time> showing `text` (the full local time by default), with the full time on hover. */
export function timeEl(iso, text) {
  return el('time', { datetime: iso, title: fmtTime(iso), text: text ?? fmtTime(iso) });
}
