import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per erased customer: who asked for it, why and when, and what was anonymised. The
 * primary key makes an erasure happen once: a second DELETE finds this row and answers it again.
 * It holds no personal data (the reason is the operator's words about the request; the counts
 * are numbers), so it survives the erasure it records.
 */
export const customerErasures = pgTable('customer_erasures', {
  customerId: text('customer_id').primaryKey(),
  reason: text('reason').notNull(),
  actorType: text('actor_type', { enum: ['agent', 'api_key', 'customer', 'system'] }).notNull(),
  actorId: text('actor_id'),
  erasedAt: timestamp('erased_at', { withTimezone: true, mode: 'date' }).notNull(),
  tickets: integer('tickets').notNull(),
  messages: integer('messages').notNull(),
  identities: integer('identities').notNull(),
  surveys: integer('surveys').notNull(),
  events: integer('events').notNull(),
}, (t) => [index('customer_erasures_erased_idx').on(t.erasedAt)]);
