import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterPosition, type KeysetPosition } from '../../db/keyset.ts';
import { teams } from './teams.table.ts';

export type TeamRow = typeof teams.$inferSelect;

export function createTeamRepository(db: Executor) {
  return {
    async insert(row: typeof teams.$inferInsert): Promise<TeamRow> {
      const [inserted] = await db.insert(teams).values(row).returning();
      return inserted!;
    },
    async findById(id: string): Promise<TeamRow | undefined> {
      const [row] = await db.select().from(teams).where(eq(teams.id, id)).limit(1);
      return row;
    },
    async update(id: string, set: Partial<typeof teams.$inferInsert>, expectedVersion?: number): Promise<TeamRow | undefined> {
      const [row] = await db
        .update(teams)
        .set({ ...set, version: sql`${teams.version} + 1` })
        .where(and(eq(teams.id, id), expectedVersion === undefined ? undefined : eq(teams.version, expectedVersion)))
        .returning();
      return row;
    },
    async list(limit: number, after?: KeysetPosition): Promise<TeamRow[]> {
      return db
        .select()
        .from(teams)
        .where(afterPosition(teams.createdAt, teams.id, after))
        .orderBy(desc(teams.createdAt), desc(teams.id))
        .limit(limit);
    },
  };
}

export type TeamRepository = ReturnType<typeof createTeamRepository>;
