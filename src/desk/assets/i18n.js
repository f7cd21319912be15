// The desk's two languages: 简体中文 and English. The choice is kept in localStorage; without one,
// the browser's language decides (any Chinese → zh-CN). Dates, numbers and durations go through
// Intl in the chosen locale, and <html lang> follows, so screen readers and fonts pick it up.
// Pages loaded on demand bring their own strings (pages/<page>/strings.js); `t` knows the shell's.
import en from './strings/en.js';
import zhCN from './strings/zh-CN.js';

export const LOCALES = Object.freeze(['zh-CN', 'en']);
const TABLES = { en, 'zh-CN': zhCN };
const STORAGE_KEY = 'desk.locale';
const listeners = new Set();

let current = initialLocale();
document.documentElement.lang = current;

function initialLocale() {
  let stored = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // storage refused (privacy mode): the browser's language still decides
  }
  if (LOCALES.includes(stored)) return stored;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const lower = String(tag ?? '').toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function locale() {
  return current;
}

export function setLocale(next) {
  if (!LOCALES.includes(next) || next === current) return;
  current = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // not remembered, still switched
  }
  for (const listener of [...listeners]) listener(next);
}

/** Called with the new locale after every switch; returns the unsubscribe function. */
export function onLocaleChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

const plurals = new Map();
function pluralOf(count) {
  if (!plurals.has(current)) plurals.set(current, new Intl.PluralRules(current));
  return plurals.get(current).select(count);
}

/**
 * The string for `key` in the chosen language (English when the other table lacks it, the key
 * itself when both do, so a missing string shows rather than breaks). `{name}` takes vars.name;
 * with vars.count, `key.one` / `key.other` are tried first. Numbers in vars are formatted.
 */
export function t(key, vars) {
  const table = TABLES[current];
  const plural = vars && typeof vars.count === 'number' ? `${key}.${pluralOf(vars.count)}` : null;
  // The chosen language first (its plural form, then its one form), English after.
  const text = (plural && table[plural]) ?? table[key] ?? (plural && en[plural]) ?? en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    const value = vars[name];
    if (value === undefined || value === null) return whole;
    return typeof value === 'number' ? formatNumber(value) : String(value);
  });
}

/** Whether the shell's tables know `key` (for values from the server that may be new). */
export function has(key) {
  return key in TABLES[current] || key in en;
}

export function formatNumber(n, opts) {
  return new Intl.NumberFormat(current, opts).format(n);
}

export function formatDate(d, opts = { dateStyle: 'medium', timeStyle: 'short' }) {
  if (d === null || d === undefined || d === '') return '—';
  const date = d instanceof Date ? d : new Date(d);
  return Number.isNaN(date.getTime()) ? '—' : new Intl.DateTimeFormat(current, opts).format(date);
}

/**
 * A length of time as people say it: "2 d 4 h", "3 h 5 min", "4 min 12 s", "12 s" (two units at
 * most; seconds only under an hour, where a live countdown needs them). Always positive.
 */
export function formatDuration(ms) {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const unit = (name, value) => t(`duration.${name}`, { n: value });
  if (days > 0) return hours > 0 ? `${unit('d', days)} ${unit('h', hours)}` : unit('d', days);
  if (hours > 0) return minutes > 0 ? `${unit('h', hours)} ${unit('min', minutes)}` : unit('h', hours);
  if (minutes > 0) return `${unit('min', minutes)} ${unit('s', seconds)}`;
  return unit('s', seconds);
}
