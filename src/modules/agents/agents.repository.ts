import { and, desc, eq, inArray, isNotNull, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterPosition, type KeysetPosition } from '../../db/keyset.ts';
import { tickets } from '../tickets/tickets.table.ts';
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
    /** Open tickets per agent, for the agents given (those with a load cap): one range of `tickets_open_assignee_idx` each. */
    async openTicketCounts(ids: readonly string[]): Promise<Map<string, number>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ agentId: tickets.assigneeId, count: sql<number>`count(*)::int` })
        .from(tickets)
        .where(and(isNotNull(tickets.assigneeId), inArray(tickets.assigneeId, [...ids]), notInArray(tickets.status, ['solved', 'closed'])))
        .groupBy(tickets.assigneeId);
      return new Map(rows.map((row) => [row.agentId!, Number(row.count)]));
    },
  };
}

export type AgentRepository = ReturnType<typeof createAgentRepository>;
