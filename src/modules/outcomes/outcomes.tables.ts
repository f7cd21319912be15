import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { tickets } from '../tickets/tickets.table.ts';

/**
 * A published outcome (反馈结果公示): what a customer's suggestion or complaint changed, in a note
 * written for publication. Only this row is ever public: its note, the ticket's type, a topic and
 * tags chosen for it, and the date; never the ticket, the customer or their messages.
 */
export const outcomes = pgTable('published_outcomes', {
  id: text('id').primaryKey(),
  ticketId: text('ticket_id').notNull().unique().references(() => tickets.id, { onDelete: 'cascade' }),
  type: text('type', { enum: ['complaint', 'suggestion'] }).notNull(),
  note: text('note').notNull(),
  topic: text('topic'),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  publishedAt: timestamp('published_at', { withTimezone: true, mode: 'date' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  publishedByType: text('published_by_type').notNull(),
  publishedById: text('published_by_id'),
}, (t) => [
  index('published_outcomes_published_idx').on(t.publishedAt, t.id),
  index('published_outcomes_type_idx').on(t.type, t.publishedAt),
]);
