import { and, arrayContains, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { afterPosition, type KeysetPosition } from '../../db/keyset.ts';
import { outcomes } from './outcomes.tables.ts';

export type OutcomeRow = typeof outcomes.$inferSelect;

export function createOutcomeRepository(db: Executor) {
  return {
    async findByTicket(ticketId: string): Promise<OutcomeRow | undefined> {
      const [row] = await db.select().from(outcomes).where(eq(outcomes.ticketId, ticketId));
      return row;
    },
    /** Publishes or rewrites the ticket's outcome; the first publication's date stays. */
    async upsert(row: typeof outcomes.$inferInsert): Promise<OutcomeRow> {
      const [saved] = await db
        .insert(outcomes)
        .values(row)
        .onConflictDoUpdate({ target: outcomes.ticketId, set: { note: row.note, topic: row.topic, tags: row.tags, type: row.type, updatedAt: row.updatedAt, publishedByType: row.publishedByType, publishedById: row.publishedById } })
        .returning();
      return saved!;
    },
    async delete(ticketId: string): Promise<OutcomeRow | undefined> {
      const [row] = await db.delete(outcomes).where(eq(outcomes.ticketId, ticketId)).returning();
      return row;
    },
    /** Newest first, in (published_at, id) keyset order. `publishedAt` stands in for createdAt. */
    async list(filters: { type?: string | undefined; topic?: string | undefined; tag?: string | undefined }, limit: number, after?: KeysetPosition): Promise<OutcomeRow[]> {
      return db
        .select()
        .from(outcomes)
        .where(
          and(
            filters.type ? eq(outcomes.type, filters.type as OutcomeRow['type']) : undefined,
            filters.topic ? eq(outcomes.topic, filters.topic) : undefined,
            filters.tag ? arrayContains(outcomes.tags, [filters.tag]) : undefined,
            afterPosition(outcomes.publishedAt, outcomes.id, after),
          ),
        )
        .orderBy(desc(outcomes.publishedAt), desc(outcomes.id))
        .limit(limit);
    },
    /**
     * The latest of a type, those about the ticket's own subject first: a topic the topic index
     * found in the ticket (compared without case and spaces) or a tag the ticket has. Published
     * outcomes are few (notes written by hand), so the ordering reads them all.
     */
    async recentFor(type: OutcomeRow['type'], ticketId: string | null, limit: number): Promise<OutcomeRow[]> {
      const related = ticketId
        ? sql`(replace(lower(coalesce(${outcomes.topic}, '')), ' ', '') IN (SELECT replace(topic, ' ', '') FROM ticket_topics WHERE ticket_id = ${ticketId})
            OR ${outcomes.tags} && coalesce((SELECT tags FROM tickets WHERE id = ${ticketId}), '{}'))`
        : sql`false`;
      return db.select().from(outcomes).where(eq(outcomes.type, type)).orderBy(desc(related), desc(outcomes.publishedAt), desc(outcomes.id)).limit(limit);
    },
  };
}

export type OutcomeRepository = ReturnType<typeof createOutcomeRepository>;
