import { boolean, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { CHANNELS, TICKET_TYPES, tickets } from '../tickets/tickets.table.ts';
import { messages } from '../messages/messages.table.ts';

/**
 * One row per customer message, keyed on when the channel received it: what crisis detection
 * counts (volume, negative share, watch-list terms) over receivedAt windows, so an import of
 * history replays as it happened. Written by the topics subscriber of the event relay, off the
 * intake path; `type` follows the ticket's (an agent's correction moves it).
 */
export const messageSignals = pgTable('message_signals', {
  messageId: text('message_id').primaryKey().references(() => messages.id, { onDelete: 'cascade' }),
  ticketId: text('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  customerId: text('customer_id'),
  channel: text('channel', { enum: CHANNELS }).notNull(),
  type: text('type', { enum: TICKET_TYPES }),
  negative: boolean('negative').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
}, (t) => [
  index('message_signals_received_idx').on(t.receivedAt),
  index('message_signals_ticket_idx').on(t.ticketId),
]);

/**
 * The topics of each ticket (keywords and phrases of its customers' messages), one row per
 * ticket and topic, dated by the first message that mentioned it: a topic counts a ticket once
 * however often its customer repeats it, so counts add up across periods. Hotspots and the
 * per-topic detectors group by `topic` (the normalised key); `label` is how the customer wrote it.
 */
export const ticketTopics = pgTable('ticket_topics', {
  ticketId: text('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  topic: text('topic').notNull(),
  label: text('label').notNull(),
  product: boolean('product').notNull(),
  messageId: text('message_id').notNull(),
  customerId: text('customer_id'),
  channel: text('channel', { enum: CHANNELS }).notNull(),
  type: text('type', { enum: TICKET_TYPES }),
  negative: boolean('negative').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.ticketId, t.topic] }),
  // Hotspots and window counts: a range of receivedAt, grouped by type and topic, from the index alone.
  index('ticket_topics_received_idx').on(t.receivedAt, t.type, t.topic, t.negative),
  // Baselines: one topic's mentions in the same hour of past days.
  index('ticket_topics_topic_idx').on(t.topic, t.receivedAt),
]);
