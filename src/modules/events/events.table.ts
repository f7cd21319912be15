import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { xid8 } from '../../db/types.ts';
import type { EventType } from './catalogue.ts';

/**
 * One table of events: the ticket timeline, the change feed and the outbox. Written in the same
 * transaction as the change it describes. `txid` (the writing transaction's id) and `seq` give
 * the relay its order: it reads only below the oldest transaction still running, so an event of a
 * transaction that commits late is never skipped (see events.relay.ts).
 */
export const events = pgTable('events', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  txid: xid8('txid').notNull().default(sql`pg_current_xact_id()`),
  id: text('id').notNull().unique(),
  type: text('type').$type<EventType>().notNull(),
  ticketId: text('ticket_id'),
  actorType: text('actor_type', { enum: ['agent', 'api_key', 'customer', 'system'] }).notNull(),
  actorId: text('actor_id'),
  data: jsonb('data').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
}, (t) => [
  index('events_ticket_idx').on(t.ticketId, t.seq),
  index('events_relay_order_idx').on(t.txid, t.seq),
  // A warning or a breach of one SLA target is recorded once, whatever retries and races do.
  uniqueIndex('events_sla_once_key')
    .on(sql`(${t.data}->>'targetId')`, t.type)
    .where(sql`${t.type} IN ('sla.warning', 'sla.breached')`),
]);

/** How far each subscriber of the relay has got: the last event it handled, in relay order. */
export const eventCursors = pgTable('event_cursors', {
  subscriber: text('subscriber').primaryKey(),
  txid: xid8('txid').notNull(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
});
