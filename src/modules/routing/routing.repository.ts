import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { routingCursors, routingRules } from './routing.tables.ts';
import type { Candidate } from './round-robin.ts';

export type RoutingRuleRow = typeof routingRules.$inferSelect;

export function createRoutingRuleRepository(db: Executor) {
  return {
    async all(): Promise<RoutingRuleRow[]> {
      return db.select().from(routingRules).orderBy(asc(routingRules.position), asc(routingRules.id));
    },
    async findById(id: string): Promise<RoutingRuleRow | undefined> {
      const [row] = await db.select().from(routingRules).where(eq(routingRules.id, id));
      return row;
    },
    async insert(row: typeof routingRules.$inferInsert): Promise<RoutingRuleRow> {
      const [inserted] = await db.insert(routingRules).values(row).returning();
      return inserted!;
    },
    async update(id: string, set: Partial<typeof routingRules.$inferInsert>, expectedVersion?: number): Promise<RoutingRuleRow | undefined> {
      const [row] = await db
        .update(routingRules)
        .set({ ...set, version: sql`${routingRules.version} + 1` })
        .where(and(eq(routingRules.id, id), expectedVersion === undefined ? undefined : eq(routingRules.version, expectedVersion)))
        .returning();
      return row;
    },
    async remove(id: string, expectedVersion?: number): Promise<boolean> {
      const rows = await db
        .delete(routingRules)
        .where(and(eq(routingRules.id, id), expectedVersion === undefined ? undefined : eq(routingRules.version, expectedVersion)))
        .returning({ id: routingRules.id });
      return rows.length > 0;
    },
  };
}

/** What routing reads and writes inside the ticket's transaction. */
export function createRoutingRepository(db: Executor) {
  return {
    /**
     * Takes the team's round-robin turn: the cursor row is created if missing and locked either
     * way (an upsert that always updates), so a concurrent intake for the same team waits here
     * until this transaction commits, and then reads the turn this one left.
     */
    async lockTurn(teamId: string, at: Date): Promise<string | null> {
      const result = await db.execute<{ last_agent_id: string | null }>(sql`
        INSERT INTO routing_cursors (team_id, last_agent_id, updated_at) VALUES (${teamId}, NULL, ${at})
        ON CONFLICT (team_id) DO UPDATE SET last_agent_id = routing_cursors.last_agent_id
        RETURNING last_agent_id`);
      return result.rows[0]?.last_agent_id ?? null;
    },
    /** Reads the turn without taking it (the dry run). */
    async peekTurn(teamId: string): Promise<string | null> {
      const [row] = await db.select({ lastAgentId: routingCursors.lastAgentId }).from(routingCursors).where(eq(routingCursors.teamId, teamId));
      return row?.lastAgentId ?? null;
    },
    async advanceTurn(teamId: string, agentId: string, at: Date): Promise<void> {
      await db.update(routingCursors).set({ lastAgentId: agentId, updatedAt: at }).where(eq(routingCursors.teamId, teamId));
    },
    /**
     * The team's active agents with their open tickets. Read after `lockTurn`, in a statement of
     * its own, so it sees the assignments of every transaction that held the turn before.
     * Only agents with a cap are counted (`tickets_open_assignee_idx`).
     */
    async candidates(teamId: string): Promise<Candidate[]> {
      const result = await db.execute<{ id: string; status: 'available' | 'away'; load_cap: number | null; open_tickets: number }>(sql`
        SELECT a.id, a.status, a.load_cap,
               CASE WHEN a.load_cap IS NULL THEN 0
                    ELSE (SELECT count(*)::int FROM tickets t WHERE t.assignee_id = a.id AND t.status NOT IN ('solved', 'closed')) END AS open_tickets
        FROM agents a WHERE a.team_id = ${teamId} AND a.active ORDER BY a.id`);
      return result.rows.map((row) => ({ id: row.id, status: row.status, loadCap: row.load_cap, openTickets: Number(row.open_tickets) }));
    },
    /** The customer's tickets opened since each of `since` (other than `exceptTicketId`), in one query. */
    async recentTicketCounts(customerId: string, since: Date[], exceptTicketId: string | null): Promise<number[]> {
      if (since.length === 0) return [];
      const earliest = new Date(Math.min(...since.map((d) => d.getTime())));
      const result = await db.execute<{ created_at: Date | string }>(sql`
        SELECT created_at FROM tickets WHERE customer_id = ${customerId} AND created_at >= ${earliest}
        ${exceptTicketId ? sql`AND id <> ${exceptTicketId}` : sql``}
        ORDER BY created_at DESC LIMIT 1000`);
      const times = result.rows.map((row) => new Date(row.created_at).getTime());
      return since.map((from) => times.filter((t) => t >= from.getTime()).length);
    },
  };
}

export type RoutingRuleRepository = ReturnType<typeof createRoutingRuleRepository>;
export type RoutingRepository = ReturnType<typeof createRoutingRepository>;
