import { z } from 'zod';

/**
 * A business calendar as people write it: an IANA time zone, opening intervals per weekday in
 * local wall-clock time (several per day: lunch breaks, split shifts), and holiday dates.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 00:00 to 24:00');

export const OpeningIntervalSchema = z
  .tuple([LocalTime, LocalTime])
  .refine(([start, end]) => start < end, { message: 'an interval must end after it starts' })
  .describe('[start, end) in local time, e.g. ["09:00", "12:00"]');

export const HolidaySchema = z
  .object({
    date: z.iso.date().describe('YYYY-MM-DD in the calendar\'s time zone'),
    // Postgres jsonb cannot hold NUL: refuse it at the door rather than fail at the database.
    name: z.string().trim().max(200).refine((name) => !name.includes('\u0000'), 'must not contain NUL characters').optional(),
  })
  .meta({ id: 'Holiday' });

export interface CalendarSpec {
  timezone: string;
  weekly: Partial<Record<Weekday, [string, string][]>>;
  holidays: { date: string; name?: string | undefined }[];
}

/** The weekly hours as stored and served: every weekday present, possibly empty. */
export type WeeklyHours = Record<Weekday, [string, string][]>;
export type Holiday = z.infer<typeof HolidaySchema>;
