import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tickets, CHANNELS } from '../tickets/tickets.table.ts';
import { tsvector } from '../../db/types.ts';
import { agents } from '../agents/agents.table.ts';
import { customers } from '../customers/customers.table.ts';

export const MESSAGE_AUTHORS = ['customer', 'agent', 'system'] as const;
export const MESSAGE_VISIBILITIES = ['public', 'internal'] as const;

export const messages = pgTable('messages', {
  id: text('id').primaryKey(),
  ticketId: text('ticket_id').notNull().references(() => tickets.id, { onDelete: 'cascade' }),
  author: text('author', { enum: MESSAGE_AUTHORS }).notNull(),
  visibility: text('visibility', { enum: MESSAGE_VISIBILITIES }).notNull(),
  body: text('body').notNull(),
  agentId: text('agent_id').references(() => agents.id, { onDelete: 'set null' }),
  customerId: text('customer_id').references(() => customers.id),
  /** The channel and its message id: a redelivered message is recognised by this pair. */
  channel: text('channel', { enum: CHANNELS }),
  externalId: text('external_id'),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  /**
   * This message's own tokens (modules/search), for `q`: a search matches within one message (or
   * the subject), and a reply adds its own row instead of rewriting a ticket-wide vector.
   */
  search: tsvector('search').notNull().default(sql`''::tsvector`),
}, (t) => [
  index('messages_ticket_idx').on(t.ticketId, t.createdAt, t.id),
  index('messages_search_idx').using('gin', t.search),
  uniqueIndex('messages_channel_external_key').on(t.channel, t.externalId).where(sql`${t.externalId} IS NOT NULL`),
]);
