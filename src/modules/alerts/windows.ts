import { DateTime } from 'luxon';

/** A stretch of receivedAt time: `start` inclusive, `end` exclusive. `index` 0 is the current window, i the same window i days before. */
export interface Slot {
  index: number;
  start: Date;
  end: Date;
  /** ISO weekday (1 Monday … 7 Sunday) of the window's end, in the rules' time zone. */
  weekday: number;
}

/**
 * The current window, ending at `at`, and the same local clock window on each of the past `days`
 * days (local, so a DST change keeps 9:00 at 9:00). Windows before the history starts are left
 * out: no data there is not the same as no complaints.
 */
export function detectionSlots(at: Date, options: { windowMinutes: number; days: number; timeZone: string; historyStart: Date | null }): Slot[] {
  const width = options.windowMinutes * 60_000;
  const local = DateTime.fromJSDate(at, { zone: options.timeZone });
  const slots: Slot[] = [{ index: 0, start: new Date(at.getTime() - width), end: at, weekday: local.weekday }];
  for (let i = 1; i <= options.days; i++) {
    const end = local.minus({ days: i });
    const start = new Date(end.toMillis() - width);
    if (options.historyStart && start < options.historyStart) continue;
    if (!options.historyStart) continue;
    slots.push({ index: i, start, end: end.toJSDate(), weekday: end.weekday });
  }
  return slots;
}

/** The local days whose totals give the weekly index: the four weeks before today. */
export function factorDays(at: Date, timeZone: string): { from: Date; to: Date } {
  const today = DateTime.fromJSDate(at, { zone: timeZone }).startOf('day');
  return { from: today.minus({ days: 28 }).toJSDate(), to: today.toJSDate() };
}

export const localDate = (at: Date, timeZone: string): string => DateTime.fromJSDate(at, { zone: timeZone }).toISODate()!;
