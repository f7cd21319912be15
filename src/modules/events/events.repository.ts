import { and, asc, eq, gt } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { newId } from '../../shared/ids.ts';
import { events, type EventType } from './events.table.ts';

export type EventRow = typeof events.$inferSelect;

export interface Actor {
  type: 'agent' | 'api_key' | 'customer' | 'system';
  id: string | null;
}

export interface NewEvent {
  type: EventType;
  ticketId: string | null;
  actor: Actor;
  data: Record<string, unknown>;
  at: Date;
}

const toRow = (event: NewEvent) => ({
  id: newId('event', event.at.getTime()),
  type: event.type,
  ticketId: event.ticketId,
  actorType: event.actor.type,
  actorId: event.actor.id,
  data: event.data,
  createdAt: event.at,
});

export function createEventRepository(db: Executor) {
  return {
    /** One statement for every event of a change: they commit with it, in order. */
    async append(list: NewEvent[]): Promise<void> {
      if (list.length === 0) return;
      await db.insert(events).values(list.map(toRow));
    },
    /** For events that must exist once (an SLA warning or breach): false when it already did. */
    async appendOnce(event: NewEvent): Promise<boolean> {
      const rows = await db
        .insert(events)
        .values(toRow(event))
        .onConflictDoNothing()
        .returning({ seq: events.seq });
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
