// Numbers, dates and durations in the viewer's locale (and, for dates, the time zone they chose).
// The shell's ctx.formatNumber is used when it has one; dates always go through Intl here, since
// the dashboard's zone is the viewer's choice, not the browser's.

const UNITS = [
  { unit: 'second', ms: 1_000, below: 90_000 },
  { unit: 'minute', ms: 60_000, below: 90 * 60_000 },
  { unit: 'hour', ms: 3_600_000, below: 48 * 3_600_000 },
  { unit: 'day', ms: 86_400_000, below: Infinity },
];

/** The unit a duration (or the largest of a series) reads best in: 45 s, 12 min, 3.5 h, 2.1 days. */
export function durationUnit(ms) {
  return UNITS.find((u) => ms < u.below) ?? UNITS[UNITS.length - 1];
}

/** ISO 8601 durations as the reports send them (P1DT2H3M4.5S) → milliseconds; null stays null. */
export function parseIsoDuration(text) {
  if (text == null) return null;
  const m = /^(-)?P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m) return null;
  const [, minus, d = 0, h = 0, min = 0, s = 0] = m;
  const ms = ((Number(d) * 24 + Number(h)) * 60 + Number(min)) * 60_000 + Number(s) * 1_000;
  return minus ? -ms : ms;
}

export function formatter(ctx) {
  const locale = ctx.locale === 'zh-CN' ? 'zh-CN' : 'en';
  const number = (n, opts = {}) => {
    if (n == null || Number.isNaN(n)) return '—';
    return ctx.formatNumber ? ctx.formatNumber(n, opts) : new Intl.NumberFormat(locale, opts).format(n);
  };
  const percent = (ratio, digits = 1) => (ratio == null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(ratio));
  const date = (value, opts = { dateStyle: 'medium', timeStyle: 'short' }) => {
    if (value == null) return '—';
    return new Intl.DateTimeFormat(locale, opts).format(value instanceof Date ? value : new Date(value));
  };
  /** `ms` in `unit` (durationUnit's), e.g. "3.5 h" / "3.5小时". */
  const inUnit = (ms, unit) =>
    ms == null ? '—' : new Intl.NumberFormat(locale, { style: 'unit', unit: unit.unit, unitDisplay: 'short', maximumFractionDigits: unit.ms >= 3_600_000 ? 1 : 0 }).format(ms / unit.ms);
  const duration = (ms) => (ms == null ? '—' : inUnit(ms, durationUnit(Math.abs(ms))));
  return { locale, number, percent, date, duration, inUnit, isoDuration: (text) => duration(parseIsoDuration(text)) };
}
