import { IANAZone } from 'luxon';
import { z } from 'zod';
import { Timestamp, trimmed } from '../../http/common.schemas.ts';
import { HolidaySchema, OpeningIntervalSchema, WEEKDAYS, type Weekday } from './calendar-spec.ts';

export const MAX_HOLIDAYS = 500;

export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => IANAZone.isValidZone(zone), 'not a known IANA time zone (e.g. Asia/Shanghai, Europe/Berlin)')
  .describe('IANA time zone the hours and holiday dates are local to, e.g. Asia/Shanghai');

const DayHoursSchema = z
  .array(OpeningIntervalSchema)
  .max(48)
  .superRefine((intervals, ctx) => {
    for (let i = 1; i < intervals.length; i++) {
      if (intervals[i]![0] < intervals[i - 1]![1]) {
        ctx.addIssue({ code: 'custom', message: 'intervals of a day must be sorted and must not overlap', path: [i] });
      }
    }
  })
  .describe('Open intervals of the day in local time, sorted, not overlapping; [] for closed');

const weekShape = Object.fromEntries(WEEKDAYS.map((day) => [day, DayHoursSchema.default([])])) as Record<Weekday, z.ZodDefault<typeof DayHoursSchema>>;

export const WeeklyHoursSchema = z
  .object(weekShape)
  .strict()
  .refine((week) => WEEKDAYS.some((day) => week[day].length > 0), 'the week needs at least one open interval')
  .meta({
    id: 'WeeklyHours',
    description: 'Opening hours per weekday (`mon` … `sun`); a missing day is closed. "24:00" is the end of the day.',
    example: { mon: [['09:00', '12:00'], ['13:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '17:00']], sat: [], sun: [] },
  });

const HolidaysSchema = z
  .array(HolidaySchema)
  .max(MAX_HOLIDAYS)
  .superRefine((holidays, ctx) => {
    const seen = new Set<string>();
    holidays.forEach((holiday, i) => {
      if (seen.has(holiday.date)) ctx.addIssue({ code: 'custom', message: `${holiday.date} is listed twice`, path: [i, 'date'] });
      seen.add(holiday.date);
    });
  })
  .describe(`Dates closed all day (local), at most ${MAX_HOLIDAYS}`);

export const BusinessCalendarSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    timezone: z.string(),
    weekly: WeeklyHoursSchema,
    holidays: z.array(HolidaySchema),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'BusinessCalendar', description: 'A business calendar: weekly opening hours and holidays in a time zone' });

export const CreateBusinessCalendarSchema = z
  .object({
    name: trimmed(200),
    timezone: TimeZoneSchema,
    weekly: WeeklyHoursSchema,
    holidays: HolidaysSchema.default([]),
  })
  .meta({ id: 'CreateBusinessCalendar' });

export const UpdateBusinessCalendarSchema = z
  .object({
    name: trimmed(200).optional(),
    timezone: TimeZoneSchema.optional(),
    weekly: WeeklyHoursSchema.optional().describe('Replaces the whole week'),
    holidays: HolidaysSchema.optional().describe('Replaces every holiday'),
  })
  .strict()
  .meta({ id: 'UpdateBusinessCalendar' });

export const IcalBodySchema = z
  .string()
  .min(1)
  .describe('An iCalendar (RFC 5545) file: every event becomes a holiday on its local date');

export type BusinessCalendar = z.infer<typeof BusinessCalendarSchema>;
export type CreateBusinessCalendar = z.infer<typeof CreateBusinessCalendarSchema>;
export type UpdateBusinessCalendar = z.infer<typeof UpdateBusinessCalendarSchema>;
