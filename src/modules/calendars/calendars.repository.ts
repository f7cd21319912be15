import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterPosition, type KeysetPosition } from '../../db/keyset.ts';
import { businessCalendars } from './calendars.table.ts';

export type CalendarRow = typeof businessCalendars.$inferSelect;
export type NewCalendarRow = typeof businessCalendars.$inferInsert;

export function createCalendarRepository(db: Executor) {
  return {
    async insert(row: NewCalendarRow): Promise<CalendarRow> {
      const [inserted] = await db.insert(businessCalendars).values(row).returning();
      return inserted!;
    },
    async findById(id: string): Promise<CalendarRow | undefined> {
      const [row] = await db.select().from(businessCalendars).where(eq(businessCalendars.id, id)).limit(1);
      return row;
    },
    /** undefined when the row is missing or (with expectedVersion) has moved on. */
    async update(id: string, set: Partial<NewCalendarRow>, expectedVersion?: number): Promise<CalendarRow | undefined> {
      const [row] = await db
        .update(businessCalendars)
        .set({ ...set, version: sql`${businessCalendars.version} + 1` })
        .where(and(eq(businessCalendars.id, id), expectedVersion === undefined ? undefined : eq(businessCalendars.version, expectedVersion)))
        .returning();
      return row;
    },
    async list(limit: number, after?: KeysetPosition): Promise<CalendarRow[]> {
      return db
        .select()
        .from(businessCalendars)
        .where(afterPosition(businessCalendars.createdAt, businessCalendars.id, after))
        .orderBy(desc(businessCalendars.createdAt), desc(businessCalendars.id))
        .limit(limit);
    },
    /** false when the row is missing or (with expectedVersion) has moved on. */
    async delete(id: string, expectedVersion?: number): Promise<boolean> {
      const deleted = await db
        .delete(businessCalendars)
        .where(and(eq(businessCalendars.id, id), expectedVersion === undefined ? undefined : eq(businessCalendars.version, expectedVersion)))
        .returning({ id: businessCalendars.id });
      return deleted.length > 0;
    },
  };
}

export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
