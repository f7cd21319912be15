import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import type { Holiday } from './calendar-spec.ts';

type Time = InstanceType<typeof ICAL.Time>;
type Component = InstanceType<typeof ICAL.Component>;

/** Recurring events are expanded this far ahead of today. */
const HORIZON_YEARS = 3;
/** Bounds the work one upload can cause (a DAILY rule from 1970 would otherwise run long). */
const MAX_EXPANSION_STEPS = 5_000;
/** A multi-day event closes each of its days, up to this many. */
const MAX_EVENT_DAYS = 366;

/** The file is not iCalendar, or not one we can read holidays from; the message says why. */
export class IcalError extends Error {}

export interface IcalImportOptions {
  /** The calendar's zone: timed events count on their local date there. */
  timezone: string;
  now: Date;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dateOf = (t: { year: number; month: number; day: number }) => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;

function parse(text: string): Component[] {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (error) {
    throw new IcalError((error as Error).message);
  }
  // One VCALENDAR parses to a component, several to a list of them.
  const roots = (Array.isArray(jcal) && Array.isArray(jcal[0]) ? jcal : [jcal]) as unknown[];
  if (roots.length === 0 || !Array.isArray(roots[0])) throw new IcalError('the file is empty');
  return roots.map((root) => {
    const component = new ICAL.Component(root as never);
    if (typeof component.name !== 'string') throw new IcalError('the file has no BEGIN:VCALENDAR');
    if (component.name !== 'vcalendar') throw new IcalError(`expected BEGIN:VCALENDAR, found BEGIN:${component.name.toUpperCase()}`);
    return component;
  });
}

/**
 * Holidays named by the events of an iCalendar file: each all-day event's dates (DTEND is
 * exclusive), a timed event's start date in the calendar's zone, and recurring events' occurrences
 * from today until three years ahead (EXDATE and moved occurrences honoured). Cancelled events
 * are skipped. Sorted by date, one entry per date (the first event's SUMMARY names it).
 */
export function holidaysFromIcal(text: string, options: IcalImportOptions): Holiday[] {
  const today = DateTime.fromJSDate(options.now, { zone: options.timezone });
  const from = today.toISODate()!;
  const until = today.plus({ years: HORIZON_YEARS }).toISODate()!;
  const found = new Map<string, string | undefined>();
  let steps = 0;

  const localDate = (time: Time, tzid: string | undefined): string => {
    if (time.isDate) return dateOf(time);
    const zone = time.zone?.tzid === 'UTC' ? 'UTC' : tzid && IANAZone.isValidZone(tzid) ? tzid : undefined;
    // Floating times (and zones we cannot resolve) are read as local to the calendar.
    if (!zone) return dateOf(time);
    const instant = DateTime.fromObject({ year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second }, { zone });
    return instant.setZone(options.timezone).toISODate()!;
  };

  const add = (start: Time, end: Time | null, tzid: string | undefined, name: string | undefined, window: boolean) => {
    const first = localDate(start, tzid);
    let days = 1;
    if (start.isDate && end?.isDate) {
      const span = Math.round((Date.parse(dateOf(end)) - Date.parse(first)) / 86_400_000);
      days = Math.min(Math.max(span, 1), MAX_EVENT_DAYS);
    }
    for (let i = 0; i < days; i++) {
      const date = i === 0 ? first : DateTime.fromISO(first, { zone: 'UTC' }).plus({ days: i }).toISODate()!;
      if (window && (date < from || date > until)) continue;
      if (!found.has(date)) found.set(date, name);
    }
  };

  const vevents = parse(text).flatMap((root) => root.getAllSubcomponents('vevent'));
  // Occurrences moved or cancelled by a RECURRENCE-ID override are not taken from the rule.
  const overridden = new Map<string, Set<string>>();
  for (const vevent of vevents) {
    const recurrenceId = vevent.getFirstProperty('recurrence-id');
    if (!recurrenceId) continue;
    const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
    const set = overridden.get(uid) ?? new Set<string>();
    set.add(String(recurrenceId.getFirstValue()));
    overridden.set(uid, set);
  }

  for (const vevent of vevents) {
    const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
    const where = uid ? `event ${uid}` : 'an event';
    try {
      if (String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED') continue;
      const dtstart = vevent.getFirstProperty('dtstart');
      if (!dtstart) throw new IcalError(`${where} has no DTSTART`);
      const tzid = dtstart.getParameter('tzid') as string | undefined;
      const event = new ICAL.Event(vevent);
      const name = cleanName(event.summary);
      const isOverride = !!vevent.getFirstProperty('recurrence-id');
      if (!event.isRecurring() || isOverride) {
        add(event.startDate, event.endDate, tzid, name, isOverride);
        continue;
      }
      const skip = overridden.get(uid);
      // ical.js rolls impossible dates over (BYMONTH=2;BYMONTHDAY=30 gives 2 March); RFC 5545 drops them.
      const months = (event.component.getFirstPropertyValue('rrule') as { parts?: { BYMONTH?: number[] } } | null)?.parts?.BYMONTH;
      const duration = event.duration;
      const iterator = event.iterator();
      for (let next = iterator.next(); next; next = iterator.next()) {
        if (++steps > MAX_EXPANSION_STEPS) throw new IcalError(`recurring events expand to more than ${MAX_EXPANSION_STEPS} occurrences`);
        if (localDate(next, tzid) > until) break;
        if (skip?.has(next.toString()) || (months && !months.includes(next.month))) continue;
        const end = next.clone();
        end.addDuration(duration);
        add(next, end, tzid, name, true);
      }
    } catch (error) {
      if (error instanceof IcalError) throw error;
      throw new IcalError(`${where}: ${(error as Error).message}`);
    }
  }
  return [...found.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, name]) => (name ? { date, name } : { date }));
}

function cleanName(summary: unknown): string | undefined {
  if (typeof summary !== 'string') return undefined;
  const name = summary.replace(/\u0000/g, '').trim().slice(0, 200).trim();
  return name || undefined;
}

/** Existing holidays win (their names are kept, a missing one is filled in); new dates are added; sorted by date. */
export function mergeHolidays(existing: readonly Holiday[], imported: readonly Holiday[]): Holiday[] {
  const byDate = new Map(existing.map((holiday) => [holiday.date, holiday]));
  for (const holiday of imported) {
    const known = byDate.get(holiday.date);
    if (!known || (!known.name && holiday.name)) byDate.set(holiday.date, holiday);
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
