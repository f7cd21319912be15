import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const EVENT_TYPES = [
  'ticket.created',
  'ticket.updated',
  'ticket.classified',
  'message.created',
  'sla.warning',
  'sla.breached',
  'csat.requested',
  'csat.received',
  'csat.negative',
  'alert.raised',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/**
 * One table of events: the ticket timeline, the audit log and the outbox for webhooks. Written in
 * the same transaction as the change it describes; `seq` orders delivery.
 */
export const events = pgTable('events', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  id: text('id').notNull().unique(),
  type: text('type', { enum: EVENT_TYPES }).notNull(),
  ticketId: text('ticket_id'),
  actorType: text('actor_type', { enum: ['agent', 'api_key', 'customer', 'system'] }).notNull(),
  actorId: text('actor_id'),
  data: jsonb('data').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
}, (t) => [
  index('events_ticket_idx').on(t.ticketId, t.seq),
  // A warning or a breach of one SLA target is recorded once, whatever retries and races do.
  uniqueIndex('events_sla_once_key')
    .on(sql`(${t.data}->>'targetId')`, t.type)
    .where(sql`${t.type} IN ('sla.warning', 'sla.breached')`),
]);
