import { and, arrayContains, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterPosition, type KeysetPosition } from '../../db/keyset.ts';
import { macros } from './macros.tables.ts';

export type MacroRow = typeof macros.$inferSelect;
export type NewMacroRow = typeof macros.$inferInsert;

export interface MacroFilters {
  teamId?: string | undefined;
  active?: boolean | undefined;
  type?: string | undefined;
}

export function createMacroRepository(db: Executor) {
  return {
    async findById(id: string): Promise<MacroRow | undefined> {
      const [row] = await db.select().from(macros).where(eq(macros.id, id));
      return row;
    },
    async insert(row: NewMacroRow): Promise<MacroRow> {
      const [inserted] = await db.insert(macros).values(row).returning();
      return inserted!;
    },
    /** Optimistic: undefined when the version moved (or the macro is gone). */
    async update(id: string, expectedVersion: number, set: Partial<NewMacroRow>): Promise<MacroRow | undefined> {
      const [row] = await db
        .update(macros)
        .set({ ...set, version: sql`${macros.version} + 1` })
        .where(and(eq(macros.id, id), eq(macros.version, expectedVersion)))
        .returning();
      return row;
    },
    async delete(id: string): Promise<boolean> {
      return (await db.delete(macros).where(eq(macros.id, id)).returning({ id: macros.id })).length > 0;
    },
    async list(filters: MacroFilters, limit: number, after?: KeysetPosition): Promise<MacroRow[]> {
      return db
        .select()
        .from(macros)
        .where(
          and(
            filters.teamId !== undefined ? or(isNull(macros.teamId), eq(macros.teamId, filters.teamId)) : undefined,
            filters.active !== undefined ? eq(macros.active, filters.active) : undefined,
            filters.type !== undefined ? or(sql`${macros.ticketTypes} = '{}'`, arrayContains(macros.ticketTypes, [filters.type])) : undefined,
            afterPosition(macros.createdAt, macros.id, after),
          ),
        )
        .orderBy(desc(macros.createdAt), desc(macros.id))
        .limit(limit);
    },
    /** What suggestions may offer a ticket: active, global or its team's, for its type or any. */
    async usableFor(teamId: string | null, type: string | null): Promise<MacroRow[]> {
      return db
        .select()
        .from(macros)
        .where(
          and(
            eq(macros.active, true),
            teamId ? or(isNull(macros.teamId), eq(macros.teamId, teamId)) : isNull(macros.teamId),
            type ? or(sql`${macros.ticketTypes} = '{}'`, arrayContains(macros.ticketTypes, [type])) : sql`${macros.ticketTypes} = '{}'`,
          ),
        )
        .limit(500);
    },
  };
}

export type MacroRepository = ReturnType<typeof createMacroRepository>;
