import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterPosition, type KeysetPosition } from '../../db/keyset.ts';
import { agents } from './agents.table.ts';

export type AgentRow = typeof agents.$inferSelect;

export function createAgentRepository(db: Executor) {
  return {
    async insert(row: typeof agents.$inferInsert): Promise<AgentRow> {
      const [inserted] = await db.insert(agents).values(row).returning();
      return inserted!;
    },
    async findById(id: string, options: { forUpdate?: boolean } = {}): Promise<AgentRow | undefined> {
      const query = db.select().from(agents).where(eq(agents.id, id)).limit(1);
      const [row] = options.forUpdate ? await query.for('update') : await query;
      return row;
    },
    async findByEmail(email: string): Promise<AgentRow | undefined> {
      const [row] = await db.select().from(agents).where(eq(agents.email, email)).limit(1);
      return row;
    },
    async update(id: string, set: Partial<typeof agents.$inferInsert>, expectedVersion?: number): Promise<AgentRow | undefined> {
      const [row] = await db
        .update(agents)
        .set({ ...set, version: sql`${agents.version} + 1` })
        .where(and(eq(agents.id, id), expectedVersion === undefined ? undefined : eq(agents.version, expectedVersion)))
        .returning();
      return row;
    },
    async list(limit: number, after?: KeysetPosition, teamId?: string): Promise<AgentRow[]> {
      return db
        .select()
        .from(agents)
        .where(and(afterPosition(agents.createdAt, agents.id, after), teamId ? eq(agents.teamId, teamId) : undefined))
        .orderBy(desc(agents.createdAt), desc(agents.id))
        .limit(limit);
    },
  };
}

export type AgentRepository = ReturnType<typeof createAgentRepository>;
