import { integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Holiday, WeeklyHours } from './calendar-spec.ts';

/** Business hours for SLA targets that count only open time; read by the SLA engine per version. */
export const businessCalendars = pgTable('business_calendars', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  /** IANA zone the weekly hours and holiday dates are local to */
  timezone: text('timezone').notNull(),
  /** { mon: [["09:00", "12:00"], …], …, sun: [] } */
  weekly: jsonb('weekly').$type<WeeklyHours>().notNull(),
  /** [{ date: "YYYY-MM-DD", name? }], sorted by date */
  holidays: jsonb('holidays').$type<Holiday[]>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  version: integer('version').notNull().default(1),
}, (t) => [uniqueIndex('business_calendars_name_key').on(t.name)]);
