import { and, asc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { newId } from '../../shared/ids.ts';
import { events } from './events.table.ts';
import type { EventData, EventType } from './catalogue.ts';

export type EventRow = typeof events.$inferSelect;

export interface Actor {
  type: 'agent' | 'api_key' | 'customer' | 'system';
  id: string | null;
}

/** An event to record: its `data` is the catalogue's shape for its type. */
export type NewEvent = {
  [T in EventType]: { type: T; ticketId: string | null; actor: Actor; data: EventData<T>; at: Date };
}[EventType];

const toRow = (event: NewEvent) => ({
  id: newId('event', event.at.getTime()),
  type: event.type,
  ticketId: event.ticketId,
  actorType: event.actor.type,
  actorId: event.actor.id,
  data: event.data,
  createdAt: event.at,
});

/**
 * The set-based form of `append`, for statements that record events for many rows at once (an
 * SLA timer storm): `INSERT INTO events … SELECT` from a CTE with `ticket_id` and `data` columns.
 * Ids come from `new_id('evt', …)`, the SQL twin of `newId` (migrations: event_relay), so every
 * event id has one shape whoever wrote it. Events that must exist once skip duplicates.
 */
export function insertEventsFrom(from: SQL, event: { type: EventType; at: Date }): SQL {
  return sql`INSERT INTO events (id, type, ticket_id, actor_type, actor_id, data, created_at)
    SELECT new_id('evt', ${event.at}), ${event.type}, ticket_id, 'system', NULL, data, ${event.at} FROM ${from}
    ON CONFLICT DO NOTHING`;
}

export function createEventRepository(db: Executor) {
  return {
    /** One statement for every event of a change: they commit with it, in order. */
    async append(list: NewEvent[]): Promise<void> {
      if (list.length === 0) return;
      await db.insert(events).values(list.map(toRow));
    },
    /** For events that must exist once (an SLA warning or breach): false when it already did. */
    async appendOnce(event: NewEvent): Promise<boolean> {
      const rows = await db.insert(events).values(toRow(event)).onConflictDoNothing().returning({ seq: events.seq });
      return rows.length > 0;
    },
    async listForTicket(ticketId: string, limit: number, afterSeq?: number): Promise<EventRow[]> {
      return db
        .select()
        .from(events)
        .where(and(eq(events.ticketId, ticketId), afterSeq === undefined ? undefined : gt(events.seq, afterSeq)))
        .orderBy(asc(events.seq))
        .limit(limit);
    },
  };
}

export type EventRepository = ReturnType<typeof createEventRepository>;
