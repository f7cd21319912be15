// The dashboard's period: presets (today, 7 days, 30 days, this quarter) or custom dates, read in
// the viewer's time zone, with the bucket the reports are asked for. Pure: `now` is passed in.

export const PRESETS = ['today', '7d', '30d', 'quarter', 'custom'];
export const DEFAULT_PRESET = '7d';

const DAY = 86_400_000;

/** The wall-clock parts of `instant` in `timeZone`. */
function partsIn(instant, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(instant);
  const get = (type) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour') % 24, minute: get('minute'), second: get('second') };
}

/** How far `timeZone`'s clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant, timeZone) {
  const p = partsIn(instant, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a local date starts in `timeZone` (month may overflow: Date.UTC normalises it). */
export function startOfLocalDay(year, month, day, timeZone) {
  const wall = Date.UTC(year, month - 1, day);
  let guess = wall - offsetAt(new Date(wall), timeZone);
  guess = wall - offsetAt(new Date(guess), timeZone); // again, across an offset change
  return new Date(guess);
}

/** `YYYY-MM-DD` of `instant` in `timeZone` (what a date input shows). */
export function localDate(instant, timeZone) {
  const p = partsIn(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** A bucket that keeps a chart readable: hours up to two days, days up to a quarter, then weeks, months. */
export function bucketFor(from, to) {
  const days = (to.getTime() - from.getTime()) / DAY;
  if (days <= 2) return 'hour';
  if (days <= 93) return 'day';
  if (days <= 731) return 'week';
  return 'month';
}

/**
 * `{ from, to, bucket }` for a preset, or for custom dates (`customFrom`/`customTo` as YYYY-MM-DD,
 * both days included); null when the custom dates are missing or reversed.
 */
export function periodOf({ preset, timeZone, now, customFrom, customTo }) {
  const today = partsIn(now, timeZone);
  let from;
  let to = now;
  if (preset === 'today') from = startOfLocalDay(today.year, today.month, today.day, timeZone);
  else if (preset === '7d') from = new Date(now.getTime() - 7 * DAY);
  else if (preset === '30d') from = new Date(now.getTime() - 30 * DAY);
  else if (preset === 'quarter') from = startOfLocalDay(today.year, today.month - ((today.month - 1) % 3), 1, timeZone);
  else {
    const a = /^(\d{4})-(\d{2})-(\d{2})$/.exec(customFrom ?? '');
    const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(customTo ?? '');
    if (!a || !b) return null;
    from = startOfLocalDay(Number(a[1]), Number(a[2]), Number(a[3]), timeZone);
    to = startOfLocalDay(Number(b[1]), Number(b[2]), Number(b[3]) + 1, timeZone);
    if (to <= from) return null;
  }
  return { from, to, bucket: bucketFor(from, to) };
}

/** The zones offered: the browser's first, then Asia/Shanghai and UTC, then every other the browser knows. */
export function timeZoneChoices(browserZone) {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([browserZone, 'Asia/Shanghai', 'UTC', ...all].filter(Boolean))];
}
